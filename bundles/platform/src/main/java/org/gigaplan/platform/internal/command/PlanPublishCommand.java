package org.gigaplan.platform.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.service.PlanVersion;
import org.gigaplan.platform.internal.PlanEditor;

@Service
@Command(scope = "plan", name = "publish", description = "Publishes a draft action plan: schools and the public see "
        + "it and its progress from now on.")
public class PlanPublishCommand extends PlanCommands {

    @Argument(index = 0, name = "fiscalYear", required = true, description = "The fiscal year, e.g. 2026")
    int fiscalYear;

    @Override
    public Object execute() {
        FiscalYear fy = year(fiscalYear, "fiscalYear");
        PlanVersion v = change("plan:publish " + fy.year(), PlanVersion.Kind.PUBLISH, fy + " action plan published",
                p -> PlanEditor.publish(p, fy));
        System.out.println(fy + " (" + fy.japaneseLabel() + ") action plan published (plan version " + v.version() + ")");
        return null;
    }
}
