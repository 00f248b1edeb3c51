package org.gigaplan.platform.internal.command;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gigaplan.plan.console.ConsoleText;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.rest.ConflictException;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.plan.service.PlanVersion;
import org.gigaplan.platform.internal.AuditSummaries;
import org.gigaplan.platform.internal.PlanImportCheck;
import org.gigaplan.platform.internal.PlanServiceImpl;

@Service
@Command(scope = "plan", name = "import", description = "Imports a plan data file (the JSON format the platform "
        + "ships) and makes it the plan in force. The file is checked whole first; nothing changes if it is invalid, "
        + "and nothing when it is the plan in force already. Refused when it would undo changes made here since the "
        + "newest import (roll-forwards, edits, publications) or drop an action plan: see them with --dry-run, then "
        + "import a file that carries them, or confirm with --replace. Earlier versions stay in the history.")
public class PlanImportCommand implements Action {

    @Argument(index = 0, name = "file", required = true, description = "Path of the plan JSON file")
    String file;

    @Option(name = "--dry-run", aliases = "-n", description = "Show what the import would change and lose, and store "
            + "nothing")
    boolean dryRun;

    @Option(name = "--replace", description = "Import even though it undoes changes made here or drops action plans "
            + "(recorded in the audit log)")
    boolean replace;

    @Reference
    PlanServiceImpl plans;

    @Reference
    Session session;

    @Reference
    AuditLog audit;

    @Override
    public Object execute() throws Exception {
        Path path = Text.existingFile(file);
        String command = "plan:import " + (dryRun ? "--dry-run " : "") + (replace ? "--replace " : "") + path;
        try (InputStream in = Files.newInputStream(path)) {
            if (dryRun) {
                print(plans.checkImport(in));
                return null;
            }
            Plan before = plans.plan();
            PlanServiceImpl.Imported imported = plans.importPlan(in, "console:" + ConsoleAudit.user(session), replace);
            ConsoleAudit.record(audit, session, command, true, AuditSummaries.planImport(before, imported));
            PlanVersion result = imported.version();
            if (!imported.stored()) {
                System.out.println("Unchanged: " + result.planId() + " data " + result.dataVersion()
                        + " is the plan in force (plan version " + result.version() + "); nothing stored");
                return null;
            }
            System.out.println("Imported " + result.planId() + " data " + result.dataVersion() + ": "
                    + result.actionPlans() + " action plan(s), " + result.actionItems() + " action items, "
                    + result.indicators() + " indicators, " + result.changes().size() + " changes (plan version "
                    + result.version() + ")" + (imported.replaced() ? "; replaced what was made here: "
                    + imported.check().undone().size() + " changes undone, action plans dropped "
                    + imported.check().actionPlansDropped() : ""));
        } catch (InvalidInputException e) {
            if (!dryRun) {
                ConsoleAudit.record(audit, session, command, false, e.errors().size() + " errors");
            }
            throw new IllegalArgumentException("Not imported; the plan in force is unchanged:" + ConsoleText.errors(e), e);
        } catch (ConflictException e) {
            if (!dryRun) {
                ConsoleAudit.record(audit, session, command, false, e.getMessage());
            }
            throw new IllegalArgumentException("Not imported; the plan in force is unchanged: " + e.getMessage()
                    + (e.japanese() == null ? "" : "\n" + e.japanese()), e);
        }
        return null;
    }

    private static void print(PlanImportCheck check) {
        System.out.println("Would import (dry run, nothing stored) " + check.planId() + " data " + check.dataVersion()
                + " over plan version " + check.inForce() + ": " + (check.unchanged() ? "unchanged, it is the plan in "
                + "force" : check.changes().size() + " changes"));
        for (PlanVersion.Change c : check.changes()) {
            System.out.println("  " + (check.undone().contains(c) ? "! " : "  ") + c.path() + ": "
                    + AuditSummaries.shorten(c.before()) + " → " + AuditSummaries.shorten(c.after()));
        }
        if (check.replaceNeeded()) {
            System.out.println("Refused without --replace: " + check.refusal());
            System.out.println(check.refusalJapanese());
        }
    }
}
