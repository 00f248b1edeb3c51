package org.gigaplan.usage.internal.rest;

import java.time.LocalDate;

import javax.ws.rs.core.SecurityContext;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.usage.internal.SchoolCalendar;
import org.gigaplan.usage.internal.UsageService;

/** What the module's resources read from every request the same way. */
final class Requests {

    private Requests() {
    }

    static Caller caller(SecurityContext security) {
        return Caller.of(security).orElseThrow(() -> new IllegalStateException("no caller on a protected endpoint"));
    }

    /** The school a school user's or agent's records belong to when they name none; null for the board. */
    static String ownSchool(Caller caller) {
        return caller.role() == Role.BOARD ? null : caller.schoolId();
    }

    /**
     * The school a read is about: the board may name any or none (the city); others get their own and may not
     * ask for another's, or for the whole city.
     */
    static String readScope(Caller caller, String schoolId) {
        if (schoolId != null && !schoolId.isBlank()) {
            caller.requireSchool(schoolId.trim());
            return schoolId.trim();
        }
        return ownSchool(caller);
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
