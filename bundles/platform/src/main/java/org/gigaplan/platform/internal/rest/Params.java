package org.gigaplan.platform.internal.rest;

import javax.ws.rs.NotFoundException;

import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.rest.InvalidInputException;

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

    /** The action plan of a fiscal year, the latest one when {@code raw} is null: 404 when the plan has none. */
    static ActionPlan actionPlan(Plan plan, String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return plan.actionPlans().stream().max(java.util.Comparator.comparingInt(ActionPlan::fiscalYear))
                    .orElseThrow(() -> new NotFoundException("the plan has no action plan"));
        }
        FiscalYear fy = fiscalYear(field, raw);
        return plan.actionPlan(fy.year()).orElseThrow(() -> Problem.notFound(field,
                "no action plan for " + fy + " (" + fy.japaneseLabel() + "); the plan has "
                        + plan.actionPlans().stream().map(a -> "FY" + a.fiscalYear()).toList()));
    }
}
