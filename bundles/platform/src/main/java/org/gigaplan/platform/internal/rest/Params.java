package org.gigaplan.platform.internal.rest;

import javax.ws.rs.NotFoundException;

import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.rest.GigaPlanRest;
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

    static int offset(Integer raw) {
        if (raw == null) {
            return 0;
        }
        if (raw < 0) {
            throw new InvalidInputException("offset", "must not be negative");
        }
        return raw;
    }

    static int limit(Integer raw) {
        if (raw == null) {
            return GigaPlanRest.DEFAULT_PAGE_SIZE;
        }
        if (raw < 1 || raw > GigaPlanRest.MAX_PAGE_SIZE) {
            throw new InvalidInputException("limit", "from 1 to " + GigaPlanRest.MAX_PAGE_SIZE);
        }
        return raw;
    }
}
