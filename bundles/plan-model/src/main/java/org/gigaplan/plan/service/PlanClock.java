package org.gigaplan.plan.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.gigaplan.plan.model.FiscalYear;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's one "now": the city's zone and today's date in it. Today decides the current fiscal year, the
 * default of every view, and the year a survey answer belongs to. Every bundle asks this service; none reads the
 * system clock or names a zone itself, so one setting moves the whole platform (a trial, a test) to another day:
 * what is checked against now (an event "in the future") and the times a module stores with its records take it from
 * here. Only what the platform keeps of its own administration keeps the machine's time, as an operator acted: the
 * audit log, API keys, sessions and logins, migration locks, module switches, the school and teacher lists.
 */
@ProviderType
public interface PlanClock {

    /** The zone a Japanese city counts its days in, unless configured otherwise. */
    String DEFAULT_ZONE_ID = "Asia/Tokyo";

    /** The zone the schools' days, weeks and fiscal years are counted in. */
    ZoneId zone();

    /** The current instant. */
    Instant now();

    /** Today, in {@link #zone()}. */
    default LocalDate today() {
        return LocalDate.ofInstant(now(), zone());
    }

    /** The fiscal year today falls in. */
    default FiscalYear currentFiscalYear() {
        return FiscalYear.containing(today());
    }

    /** A {@link PlanClock} reading a {@link Clock}: {@code Clock.systemUTC()} at run time, a fixed one in tests. */
    static PlanClock of(Clock clock, ZoneId zone) {
        return new PlanClock() {
            @Override
            public ZoneId zone() {
                return zone;
            }

            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public String toString() {
                return "PlanClock[" + clock + ", " + zone + "]";
            }
        };
    }

    /** Stopped at noon of {@code day} in the default zone: for tests and tools. */
    static PlanClock fixedAt(LocalDate day) {
        ZoneId zone = ZoneId.of(DEFAULT_ZONE_ID);
        return of(Clock.fixed(day.atTime(12, 0).atZone(zone).toInstant(), zone), zone);
    }
}
