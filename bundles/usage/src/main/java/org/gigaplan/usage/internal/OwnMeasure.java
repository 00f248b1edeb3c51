package org.gigaplan.usage.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A high or secondary school's own measure for promoting device use (学校ごとに設定する活用促進に係る主な取組),
 * with its progress updates, oldest first.
 */
public record OwnMeasure(long id, String schoolId, int fiscalYear, String text, String target, String createdBy,
        Instant createdAt, List<Update> updates, boolean demo) {

    public OwnMeasure {
        updates = List.copyOf(updates);
    }

    /** Progress on a measure, with an optional percentage of its target reached. */
    public record Update(long id, LocalDate date, String progress, Integer percent, String recordedBy,
            Instant recordedAt) {
    }
}
