package org.gigaplan.platform.internal.command;

import org.gigaplan.plan.console.ConsoleTable;
import org.gigaplan.plan.console.ConsoleText;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gigaplan.plan.model.Indicator;
import org.gigaplan.plan.service.ModuleEnablement;
import org.gigaplan.plan.service.ModuleInfo;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.plan.service.ProgressService;

@Service
@Command(scope = "gigaplan", name = "modules", description = "Lists the installed policy modules with the indicators "
        + "they compute and their health, then the plan's indicators no installed module computes.")
public class ModulesCommand implements Action {

    @Option(name = "--lang", aliases = "-l",
            description = "Language of names: ja or en (default: the deployment's language)")
    String lang;

    @Reference
    ProgressService progress;

    @Reference
    PlanService plans;

    @Reference
    ModuleEnablement enablement;

    @Override
    public Object execute() {
        Locale locale = ConsoleText.locale(lang);
        ConsoleTable table = new ConsoleTable();
        table.columns(ConsoleText.in(locale, "モジュール", "Module"))
                .rightColumns(ConsoleText.in(locale, "方針", "Policy"))
                .columns(ConsoleText.in(locale, "名前", "Name"), ConsoleText.in(locale, "バンドル", "Bundle"),
                        ConsoleText.in(locale, "版", "Version"), ConsoleText.in(locale, "指標", "Indicators"),
                        ConsoleText.in(locale, "状態", "Health"), ConsoleText.in(locale, "停止中の学校", "Off for schools"));
        List<ModuleInfo> installed = progress.modules();
        for (ModuleInfo m : installed) {
            table.row(m.id(), m.basicPolicy(), m.name().in(locale), m.bundle(), m.version(),
                    String.join(" ", m.indicatorIds()), m.health().state()
                            + (m.health().detail().isEmpty() ? "" : ": " + m.health().detail()),
                    String.join(" ", enablement.disabledSchools(m.id()).stream().sorted().toList()));
        }
        table.emptyText(ConsoleText.in(locale, "（基本方針のモジュールが導入されていません: feature:install gigaplan-<module>）",
                "(no policy modules installed: feature:install gigaplan-<module>)"));
        table.print(System.out);

        Set<String> covered = installed.stream().flatMap(m -> m.indicatorIds().stream())
                .collect(Collectors.toSet());
        ConsoleTable missing = new ConsoleTable();
        missing.columns(ConsoleText.in(locale, "モジュールのない指標", "Indicator without a module"))
                .rightColumns(ConsoleText.in(locale, "方針", "Policy"))
                .columns(ConsoleText.in(locale, "算出するモジュール", "Expected module"), ConsoleText.in(locale, "名前", "Name"));
        for (Indicator i : plans.indicators()) {
            if (!covered.contains(i.id())) {
                missing.row(i.id(), i.policy(), i.module(), i.name().in(locale));
            }
        }
        missing.emptyText(ConsoleText.in(locale, "（計画のすべての指標にモジュールがあります）",
                "(every indicator of the plan has a module)"));
        System.out.println();
        missing.print(System.out);
        return null;
    }
}
