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

    @Option(name = "--lang", aliases = "-l", description = "Language of names: ja or en (default: the JVM's)")
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
        table.columns("Module")
                .rightColumns("Policy")
                .columns("Name", "Bundle", "Version", "Indicators", "Health", "Off for schools");
        List<ModuleInfo> installed = progress.modules();
        for (ModuleInfo m : installed) {
            table.row(m.id(), m.basicPolicy(), m.name().in(locale), m.bundle(), m.version(),
                    String.join(" ", m.indicatorIds()), m.health().state()
                            + (m.health().detail().isEmpty() ? "" : ": " + m.health().detail()),
                    String.join(" ", enablement.disabledSchools(m.id()).stream().sorted().toList()));
        }
        table.emptyText("(no policy modules installed: feature:install gigaplan-<module>)");
        table.print(System.out);

        Set<String> covered = installed.stream().flatMap(m -> m.indicatorIds().stream())
                .collect(Collectors.toSet());
        ConsoleTable missing = new ConsoleTable();
        missing.columns("Indicator without a module").rightColumns("Policy").columns("Expected module", "Name");
        for (Indicator i : plans.indicators()) {
            if (!covered.contains(i.id())) {
                missing.row(i.id(), i.policy(), i.module(), i.name().in(locale));
            }
        }
        missing.emptyText("(every indicator of the plan has a module)");
        System.out.println();
        missing.print(System.out);
        return null;
    }
}
