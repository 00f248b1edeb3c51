package org.gigaplan.platform.internal.rest;

import javax.ws.rs.core.SecurityContext;

import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.PlanClock;

/** Checks request parameters, naming the parameter in every refusal. */
final class Params {

    private Params() {
    }

    static FiscalYear fiscalYear(String field, String raw) {
        try {
            return FiscalYear.of(Integer.parseInt(raw.trim()));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "a fiscal year such as 2025, was \"" + raw + "\"");
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, e.getMessage());
        }
    }

    /**
     * The action plan of a fiscal year, today's when {@code raw} is null: 404 saying so plainly, in Japanese and
     * English, when the plan has none for it (never another year's instead). A draft is the board's alone until
     * published: to anyone else it is not there yet.
     */
    static ActionPlan actionPlan(Plan plan, String field, String raw, PlanClock clock, boolean board) {
        FiscalYear fy = raw == null || raw.isBlank() ? clock.currentFiscalYear() : fiscalYear(field, raw);
        return plan.actionPlan(fy.year()).filter(a -> board || a.published())
                .orElseThrow(() -> NoActionPlan.of(plan, fy, field).exception());
    }

    /** Whether the caller is the board: drafts of the plan are theirs to see. */
    static boolean board(SecurityContext security) {
        return Caller.of(security).map(c -> c.role() == Role.BOARD).orElse(false);
    }
}
