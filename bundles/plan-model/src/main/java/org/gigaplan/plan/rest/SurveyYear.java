package org.gigaplan.plan.rest;

import java.util.List;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;
import org.gigaplan.plan.service.PlanClock;

/**
 * The fiscal year a survey-type answer belongs to (the ICT checklist "as of March 1", generative-AI use,
 * learning-history use): the year of the day it is given. Naming another year is for the board alone, and only a
 * year that has begun: a school or teacher answering today can never overwrite last year's answers.
 */
public final class SurveyYear {

    private SurveyYear() {
    }

    /**
     * The year an answer given today is stored for: today's fiscal year when {@code requested} is null or names it;
     * an earlier year when {@code anyYear} (the board entering or replacing a past year's answers). Anything else is
     * refused in {@code check} under {@code field}, and null returned.
     */
    public static FiscalYear of(Integer requested, String field, PlanClock clock, boolean anyYear, FieldChecks check) {
        FiscalYear current = clock.currentFiscalYear();
        if (requested == null || requested == current.year()) {
            return current;
        }
        if (requested > current.year()) {
            check.add(field, current.next() + " has not begun: answers given today belong to " + current
                    + " (" + current.japaneseLabel() + "), was " + requested, current.next().japaneseLabel()
                    + "はまだ始まっていません。今日の回答は" + current.japaneseLabel() + "の回答です（" + requested + "でした）");
            return null;
        }
        if (!anyYear) {
            check.add(field, "answers given today belong to " + current + " (" + current.japaneseLabel()
                    + "); only the board enters or replaces an earlier year's answers, was " + requested,
                    "今日の回答は" + current.japaneseLabel() + "の回答です。前の年度の回答を入力・修正できるのは教育委員会だけです（"
                            + requested + "でした）");
            return null;
        }
        if (requested < FiscalYear.MIN_YEAR) {
            check.add(field, FiscalYear.MIN_YEAR + " to " + current.year() + ", was " + requested,
                    FiscalYear.MIN_YEAR + "〜" + current.year() + "年度にしてください（" + requested + "でした）");
            return null;
        }
        return FiscalYear.of(requested);
    }

    /**
     * The same, adding what it refuses to a list.
     *
     * @deprecated since 2.1: collect errors in a {@link FieldChecks} and use {@link #of(Integer, String, PlanClock,
     *             boolean, FieldChecks)}.
     */
    @Deprecated
    public static FiscalYear of(Integer requested, String field, PlanClock clock, boolean anyYear,
            List<FieldError> errors) {
        FieldChecks check = new FieldChecks();
        FiscalYear fy = of(requested, field, clock, anyYear, check);
        errors.addAll(check.errors());
        return fy;
    }

    /** {@link #of(Integer, String, PlanClock, boolean, FieldChecks)} for one value, thrown at once when refused. */
    public static FiscalYear of(Integer requested, String field, PlanClock clock, boolean anyYear) {
        FieldChecks check = new FieldChecks();
        FiscalYear fy = of(requested, field, clock, anyYear, check);
        check.throwIfAny();
        return fy;
    }
}
