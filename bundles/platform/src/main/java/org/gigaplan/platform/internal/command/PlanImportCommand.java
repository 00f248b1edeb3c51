package org.gigaplan.platform.internal.command;

import org.gigaplan.plan.console.ConsoleText;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.plan.service.PlanVersion;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.platform.internal.AuditSummaries;

@Service
@Command(scope = "plan", name = "import", description = "Imports a plan data file (the JSON format the platform "
        + "ships) and makes it the plan in force. The file is checked whole first; nothing changes if it is invalid. "
        + "Earlier versions stay in the history.")
public class PlanImportCommand implements Action {

    @Argument(index = 0, name = "file", required = true, description = "Path of the plan JSON file")
    String file;

    @Reference
    PlanService plans;

    @Reference
    Session session;

    @Reference
    AuditLog audit;

    @Override
    public Object execute() throws Exception {
        Path path = Text.existingFile(file);
        try (InputStream in = Files.newInputStream(path)) {
            String user = String.valueOf(session.get("USER"));
            Plan before = plans.plan();
            PlanVersion result = plans.importPlan(in, "console:" + user);
            ConsoleAudit.record(audit, session, "plan:import " + path, true, AuditSummaries.planImport(before, result));
            System.out.println("Imported " + result.planId() + " data " + result.dataVersion() + ": "
                    + result.actionPlans() + " action plan(s), " + result.actionItems() + " action items, "
                    + result.indicators() + " indicators (plan version " + result.version() + ")");
        } catch (InvalidInputException e) {
            ConsoleAudit.record(audit, session, "plan:import " + path, false, e.errors().size() + " errors");
            throw new IllegalArgumentException("Not imported; the plan in force is unchanged:" + ConsoleText.errors(e), e);
        }
        return null;
    }
}
