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
        int current = clock.currentFiscalYear().year();
        int year = fiscalYear == null ? current : fiscalYear;
        ActionPlan actionPlan = plan.actionPlan(year).orElse(null);
        System.out.println(plan.title().in(locale) + "  [" + plan.id() + ", data " + plan.dataVersion() + "]");
        if (actionPlan == null) {
            List<String> years = plan.actionPlans().stream().map(a -> "FY" + a.fiscalYear()).toList();
            System.out.println(ConsoleText.in(locale,
                    "FY" + year + " のアクションプランはまだありません（計画にあるのは " + years + "）。" + advice(plan, year, current, true),
                    "No action plan for FY" + year + " yet; the plan has " + years + ". " + advice(plan, year, current, false)));
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

    /**
     * What the board does about a year without an action plan, naming only a command that works: plan:rollover for a
     * year of the plan period (from a later year when none is earlier; confirmed when the year has ended); for the year
     * after it, starting the next period; for any other, that it lies outside.
     */
    static String advice(Plan plan, int year, int current, boolean japanese) {
        String period = "FY" + plan.firstCoveredYear() + "–FY" + plan.lastYear();
        if (year >= plan.firstCoveredYear() && year <= plan.lastYear()) {
            boolean earlier = plan.actionPlans().stream().anyMatch(a -> a.fiscalYear() < year);
            String from = earlier ? "" : plan.actionPlans().stream().mapToInt(a -> a.fiscalYear()).min()
                    .stream().mapToObj(y -> "--from " + y + " ").findFirst().orElse("");
            String command = "plan:rollover " + from + (year < current ? "--past-year " : "") + year;
            return japanese ? "教育委員会が " + command + " で作成します" + (year < current ? "（終了した年度です）。" : "。")
                    : "The board creates it with " + command + (year < current ? " (the year has ended)." : ".");
        }
        String next = "plan:rollover --new-period-to <" + (japanese ? "最終年度" : "last year") + "> --title-ja \"…\" "
                + "--title-en \"…\" " + (plan.lastYear() + 1);
        if (year == plan.lastYear() + 1) {
            return japanese ? "計画期間（" + period + "）の翌年度です。教育委員会が次の計画期間を " + next + " で始めて作成します。"
                    : "It is the year after the plan period (" + period + "): the board creates it by starting the "
                            + "next plan period, " + next + ".";
        }
        if (year < plan.firstCoveredYear()) {
            return japanese ? "FY" + year + " は計画期間（" + period + "）より前の年度で、行動計画は作れません。"
                    : "FY" + year + " lies before the plan period (" + period + "): no action plan can be made for it.";
        }
        return japanese ? "FY" + year + " は計画期間（" + period + "）の外です。計画期間を延ばすには、教育委員会が翌年度 FY"
                + (plan.lastYear() + 1) + " で次の計画期間を始めます（" + next + "）。"
                : "FY" + year + " lies outside the plan period (" + period + "). To extend it, the board starts the "
                        + "next plan period with FY" + (plan.lastYear() + 1) + " (" + next + ").";
    }
}
