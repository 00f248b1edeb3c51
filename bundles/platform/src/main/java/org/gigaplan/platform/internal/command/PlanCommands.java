package org.gigaplan.platform.internal.command;

import java.util.function.UnaryOperator;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.gigaplan.plan.console.ConsoleText;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.rest.ConflictException;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.plan.service.PlanVersion;
import org.gigaplan.platform.internal.AuditSummaries;
import org.gigaplan.platform.internal.PlanEditor;
import org.gigaplan.platform.internal.PlanServiceImpl;

/** What the plan:* commands that change the plan share: checking a year, making the change a version, auditing it. */
abstract class PlanCommands implements Action {

    @Reference
    PlanServiceImpl plans;

    @Reference
    AuditLog audit;

    @Reference
    Session session;

    @Option(name = "--past-year", description = "Confirm a change to a fiscal year that has ended (its action plan or "
            + "targets): the verdicts already given for it change, and the plan's history and the audit log say it was "
            + "confirmed. Without it such a change is refused.")
    boolean pastYear;

    static FiscalYear year(int year, String name) {
        if (year < FiscalYear.MIN_YEAR || year > FiscalYear.MAX_YEAR) {
            throw new IllegalArgumentException(name + ": a fiscal year such as 2026, was " + year);
        }
        return FiscalYear.of(year);
    }

    /**
     * Makes a change of the plan a new version and records it in the audit log, refused or not; a refusal says why
     * and changes nothing. A change to a fiscal year that has ended needs {@code --past-year}.
     */
    PlanVersion change(String command, PlanVersion.Kind kind, String summary, UnaryOperator<Plan> edit) {
        try {
            PlanVersion v = plans.change(kind, summary, edit, "console:" + session.get("USER"), pastYear);
            ConsoleAudit.record(audit, session, command, true, AuditSummaries.planChange(v));
            return v;
        } catch (InvalidInputException e) {
            ConsoleAudit.record(audit, session, command, false, e.getMessage());
            throw new IllegalArgumentException("Refused; the plan is unchanged:" + ConsoleText.errors(e), e);
        } catch (ConflictException | PlanEditor.NotFound e) {
            ConsoleAudit.record(audit, session, command, false, e.getMessage());
            String japanese = e instanceof ConflictException c && c.japanese() != null ? "\n" + c.japanese() : "";
            throw new IllegalArgumentException("Refused; the plan is unchanged: " + e.getMessage() + japanese, e);
        }
    }
}
