package org.gigaplan.plan.rest;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.service.PlanClock;

/** A fiscal year a client asked for with a query parameter; absent means the one today falls in. */
public final class FiscalYearParam {

    private FiscalYearParam() {
    }

    /** The year named, refused naming the parameter when out of range; the current one when null. */
    public static FiscalYear of(Integer year, String parameter, PlanClock clock) {
        if (year == null) {
            return clock.currentFiscalYear();
        }
        if (year < FiscalYear.MIN_YEAR || year > FiscalYear.MAX_YEAR) {
            throw new InvalidInputException(parameter, FiscalYear.MIN_YEAR + " to " + FiscalYear.MAX_YEAR + ", was " + year,
                    FiscalYear.MIN_YEAR + "〜" + FiscalYear.MAX_YEAR + "年度にしてください（" + year + "でした）");
        }
        return FiscalYear.of(year);
    }
}
