package org.gigaplan.platform.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.PlanVersion;
import org.gigaplan.platform.internal.PlanEditor;

@Service
@Command(scope = "plan", name = "rollover", description = "Creates a fiscal year's action plan as a draft, carried "
        + "over from an earlier year's: policies, measures, action items, scene targets, and each indicator's target "
        + "in force. Edit it, then publish it with plan:publish. Refused when the year has an action plan or lies "
        + "outside the plan period.")
public class PlanRolloverCommand extends PlanCommands {

    @Argument(index = 0, name = "fiscalYear", description = "The fiscal year to create, e.g. 2026 (default: the "
            + "current one)")
    Integer fiscalYear;

    @Option(name = "--from", aliases = "-f", description = "The fiscal year to carry over (default: the latest before)")
    Integer from;

    @Option(name = "--new-period-to", description = "Start the next plan period with this year, running to the year "
            + "given (e.g. 2032); needs --title-ja")
    Integer newPeriodTo;

    @Option(name = "--title-ja", description = "The plan's title for the new period, in Japanese")
    String titleJa;

    @Option(name = "--title-en", description = "The plan's title for the new period, in English")
    String titleEn;

    @Reference
    PlanClock clock;

    @Override
    public Object execute() {
        FiscalYear to = fiscalYear == null ? clock.currentFiscalYear() : year(fiscalYear, "fiscalYear");
        FiscalYear source = from == null ? null : year(from, "--from");
        PlanEditor.NewPeriod period = newPeriodTo == null ? null : new PlanEditor.NewPeriod(newPeriodTo,
                titleJa == null ? null : org.gigaplan.plan.model.LocalizedText.of(titleJa, titleEn));
        PlanVersion v = change("plan:rollover " + to.year(), PlanVersion.Kind.ROLLOVER, (period == null ? ""
                : "plan period FY" + to.year() + "–FY" + newPeriodTo + " started; ") + to + " action plan drafted from "
                + (source == null ? "the latest before it" : source), p -> PlanEditor.rollOver(period == null ? p
                        : PlanEditor.startPeriod(p, to, period), to, source));
        System.out.println(to + " (" + to.japaneseLabel() + ") action plan created as a draft (plan version "
                + v.version() + ", " + v.changes().size() + " changes). Edit it on the dashboard's plan page or over "
                + "/api/plan, then publish it: plan:publish " + to.year());
        return null;
    }
}
