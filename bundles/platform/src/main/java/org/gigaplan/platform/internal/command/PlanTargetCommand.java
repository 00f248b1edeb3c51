package org.gigaplan.platform.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.service.PlanVersion;
import org.gigaplan.platform.internal.IndicatorEditor;

@Service
@Command(scope = "plan", name = "target", description = "Sets an indicator's staged target for a fiscal year (a "
        + "share is 0–100 %). Every change is a new plan version (plan:versions).")
public class PlanTargetCommand extends PlanCommands {

    @Argument(index = 0, name = "indicator", required = true, description = "The indicator's id, e.g. usage.scene1")
    String indicator;

    @Argument(index = 1, name = "fiscalYear", required = true, description = "The fiscal year, e.g. 2026")
    int fiscalYear;

    @Argument(index = 2, name = "value", required = true, description = "The value to reach by the end of that year")
    double value;

    @Override
    public Object execute() {
        FiscalYear fy = year(fiscalYear, "fiscalYear");
        PlanVersion v = change("plan:target " + indicator + " " + fy.year() + " " + value, PlanVersion.Kind.EDIT,
                "indicator " + indicator + " target for " + fy + " set",
                p -> IndicatorEditor.setTarget(p, indicator, fy, new IndicatorEditor.TargetInput(value)));
        System.out.println("Target of " + indicator + " for " + fy + " set to " + value + " (plan version "
                + v.version() + ")");
        return null;
    }
}
