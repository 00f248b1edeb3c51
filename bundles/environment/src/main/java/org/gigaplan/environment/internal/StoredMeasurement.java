package org.gigaplan.environment.internal;

import java.time.Instant;

/** A measurement as stored: its id, the school, when and where it was taken, and what it found. */
public record StoredMeasurement(long id, String schoolId, Instant measuredAt, double downloadMbps, Double uploadMbps,
        Double latencyMs, Double lossPercent, String point, boolean classHours, Integer devices, boolean demo) {
}
