package org.gigaplan.environment.internal;

import java.time.OffsetDateTime;

/**
 * A network measurement of a school, as a speed-test agent, a person or a CSV file gives it.
 *
 * @param point        where it was measured: ACCESS_POINT, SCHOOL_LAN, CENTRE_LINK (the link to the city's centre) or
 *                     UPSTREAM
 * @param classHours   taken during class hours (peak time; judged only then by default); when absent, decided by
 *                     the time of the test and the school day, never assumed
 * @param devices      devices in use at the time, if known
 */
public record Measurement(String schoolId, OffsetDateTime measuredAt, Double downloadMbps, Double uploadMbps,
        Double latencyMs, Double lossPercent, String point, Boolean classHours, Integer devices) {

    /** Where a measurement was taken. */
    public enum Point {
        ACCESS_POINT, SCHOOL_LAN, CENTRE_LINK, UPSTREAM
    }
}
