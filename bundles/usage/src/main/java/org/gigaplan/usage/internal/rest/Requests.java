package org.gigaplan.usage.internal.rest;

import java.time.LocalDate;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.usage.internal.SchoolCalendar;
import org.gigaplan.usage.internal.UsageService;

/** What the module's resources read from every request the same way. */
final class Requests {

    private Requests() {
    }

    /** The fiscal year asked for, or the one today falls in. */
    static FiscalYear fiscalYear(UsageService usage, Integer year) {
        return year == null ? FiscalYear.containing(usage.calendar().today()) : usage.fiscalYear(year, "fiscalYear");
    }

    /** A week of a fiscal year, given as its Monday. */
    static LocalDate week(FiscalYear fy, LocalDate week, String field) {
        if (!SchoolCalendar.isMonday(week)) {
            throw new InvalidInputException(field, "must be a Monday, the week's first day: the week of " + week + " is "
                    + SchoolCalendar.mondayOf(week));
        }
        if (fy != null && !fy.equals(SchoolCalendar.fiscalYearOf(week))) {
            throw new InvalidInputException(field, "the week of " + week + " is outside " + fy + " (" + fy.start() + " – "
                    + fy.end() + "; a week counts in the year its Monday falls in)");
        }
        return week;
    }

    /** The period of an attainment view: a week, a term, or (neither given) the whole fiscal year. */
    static SchoolCalendar.Period period(UsageService usage, FiscalYear fy, LocalDate week, Integer term) {
        if (week != null && term != null) {
            throw new InvalidInputException("term", "give week or term, not both");
        }
        if (week != null) {
            return usage.calendar().week(fy, week(fy, week, "week"));
        }
        if (term != null) {
            if (term < 1 || term > usage.calendar().terms()) {
                throw new InvalidInputException("term", "must be between 1 and " + usage.calendar().terms() + ", was " + term);
            }
            return usage.calendar().term(fy, term);
        }
        return usage.calendar().year(fy);
    }
}
