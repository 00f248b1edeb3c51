package org.gigaplan.platform.internal.command;

import org.gigaplan.plan.console.ConsoleTable;
import org.gigaplan.plan.console.ConsoleText;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gigaplan.plan.model.ActionItem;
import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.model.BasicPolicy;
import org.gigaplan.plan.model.Measure;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.PlanService;

@Service
@Command(scope = "plan", name = "show", description = "Shows the plan in force: the action plan of a fiscal year, "
        + "basic policy by basic policy, with its measures and action items.")
public class PlanShowCommand implements Action {

    @Option(name = "--fiscal-year", aliases = "-y", description = "Fiscal year, e.g. 2025 (default: the current one)")
    Integer fiscalYear;

    @Option(name = "--lang", aliases = "-l",
            description = "Language of the text: ja or en (default: the deployment's language)")
    String lang;

    @Option(name = "--width", aliases = "-w", description = "Widest a text column may be (default 60)")
    int width = 60;

    @Reference
    PlanService plans;

    @Reference
    PlanClock clock;

    @Override
    public Object execute() {
        Locale locale = ConsoleText.locale(lang);
        Plan plan = plans.plan();
        int year = fiscalYear == null ? clock.currentFiscalYear().year() : fiscalYear;
        ActionPlan actionPlan = plan.actionPlan(year).orElse(null);
        System.out.println(plan.title().in(locale) + "  [" + plan.id() + ", data " + plan.dataVersion() + "]");
        if (actionPlan == null) {
            List<String> years = plan.actionPlans().stream().map(a -> "FY" + a.fiscalYear()).toList();
            System.out.println(ConsoleText.in(locale,
                    "FY" + year + " のアクションプランはまだありません（計画にあるのは " + years + "）。教育委員会が plan:rollover "
                            + year + " で作成します。",
                    "No action plan for FY" + year + " yet; the plan has " + years
                            + ". The board creates it with plan:rollover " + year + "."));
            return null;
        }
        System.out.println(actionPlan.title().in(locale) + " — " + actionPlan.year().label().in(locale)
                + " (" + actionPlan.year().start() + " – " + actionPlan.year().end() + ")"
                + (actionPlan.published() ? "" : ConsoleText.in(locale, "  下書き: 未公開（plan:publish " + year + "）",
                        "  DRAFT: not published (plan:publish " + year + ")")));
        ConsoleTable table = new ConsoleTable();
        table.columns(ConsoleText.in(locale, "方針", "Policy"), ConsoleText.in(locale, "施策", "Measure"),
                ConsoleText.in(locale, "取組", "Item"), ConsoleText.in(locale, "主体", "Actor"),
                ConsoleText.in(locale, "内容", "Text"), ConsoleText.in(locale, "指標", "Indicators"));
        for (BasicPolicy policy : actionPlan.policies()) {
            for (Measure measure : policy.measures()) {
                for (ActionItem item : measure.actionItems()) {
                    table.row(policy.number(), measure.number(), item.id(),
                            item.actor().label().in(locale), ConsoleText.of(item.text(), locale, width),
                            String.join(" ", item.indicatorIds()));
                }
            }
        }
        table.print(System.out);
        System.out.println(ConsoleText.in(locale,
                "基本方針 " + actionPlan.policies().size() + "、取組 " + actionPlan.actionItems().size() + "、場面の目標 "
                        + actionPlan.sceneTargets().size() + "、指標 " + plan.indicators().size(),
                actionPlan.policies().size() + " basic policies, " + actionPlan.actionItems().size()
                        + " action items, " + actionPlan.sceneTargets().size() + " scene-use targets, "
                        + plan.indicators().size() + " indicators"));
        return null;
    }
}
