package org.gigaplan.environment.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.SchoolService;

/**
 * A batch of measurements as posted, checked field by field into the rows to store: every fault of the batch named
 * under its place ({@code [3].downloadMbps}) and the batch refused whole, or every row ready.
 */
final class MeasurementInput {

    private MeasurementInput() {
    }

    /**
     * The rows to store, or {@link InvalidInputException} naming every fault.
     *
     * @param defaultSchool the school the caller records for (an agent's or a school's key), null for the board
     * @param latest        the latest time a measurement may be from (a little after now: clocks differ)
     * @param inClassHours  whether a measurement that does not say was taken in class hours, by its time
     */
    static List<StoredMeasurement> rows(List<Measurement> input, String defaultSchool, boolean demo, Instant latest,
            SchoolService schools, Predicate<OffsetDateTime> inClassHours) {
        if (input == null || input.isEmpty()) {
            throw new InvalidInputException("body", "give at least one measurement: [{\"measuredAt\":\"2025-06-02T10:00:00+09:00\","
                    + "\"downloadMbps\":320,\"point\":\"SCHOOL_LAN\",\"classHours\":true}]", "測定結果を一つ以上送ってください");
        }
        FieldChecks.batchSize(input.size(), NetworkService.MAX_BATCH);
        FieldChecks check = new FieldChecks();
        List<StoredMeasurement> rows = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            String at = "[" + i + "]";
            Measurement m = input.get(i);
            if (m == null) {
                check.add(at, "must be a measurement", "測定結果がありません");
                continue;
            }
            String school = m.schoolId() == null || m.schoolId().isBlank() ? defaultSchool : m.schoolId().trim();
            if (school == null) {
                check.add(at + ".schoolId", "required");
            } else if (defaultSchool != null && !defaultSchool.equals(school)) {
                check.add(at + ".schoolId", "you may record only for " + defaultSchool, defaultSchool
                        + " の測定だけを記録できます");
            } else if (schools.find(school).isEmpty()) {
                check.add(at + ".schoolId", "no school " + school);
            }
            if (m.measuredAt() == null) {
                check.add(at + ".measuredAt", "required: when, with its offset (2025-06-02T10:00:00+09:00)",
                        "必須です（測定日時）");
            } else if (m.measuredAt().toInstant().isAfter(latest)) {
                check.add(at + ".measuredAt", "is in the future: " + m.measuredAt());
            } else if (m.measuredAt().getYear() < 2019) {
                check.add(at + ".measuredAt", "before the GIGA school programme: " + m.measuredAt(),
                        "GIGAスクール構想より前の日時です（" + m.measuredAt() + "）");
            }
            range(m.downloadMbps(), true, 0, 100_000, at + ".downloadMbps", check);
            range(m.uploadMbps(), false, 0, 100_000, at + ".uploadMbps", check);
            range(m.latencyMs(), false, 0, 60_000, at + ".latencyMs", check);
            range(m.lossPercent(), false, 0, 100, at + ".lossPercent", check);
            Measurement.Point point = null;
            if (m.point() == null || m.point().isBlank()) {
                check.add(at + ".point", "required: where it was measured, one of ACCESS_POINT, SCHOOL_LAN, CENTRE_LINK, "
                        + "UPSTREAM", "必須です（測定した場所: ACCESS_POINT・SCHOOL_LAN・CENTRE_LINK・UPSTREAM のいずれか）");
            } else {
                try {
                    point = Measurement.Point.valueOf(m.point().trim().toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    check.add(at + ".point", "one of ACCESS_POINT, SCHOOL_LAN, CENTRE_LINK, UPSTREAM, was \""
                            + m.point() + "\"", "ACCESS_POINT・SCHOOL_LAN・CENTRE_LINK・UPSTREAM のいずれかにしてください（\""
                            + m.point() + "\"でした）");
                }
            }
            if (m.devices() != null && (m.devices() < 0 || m.devices() > 100_000)) {
                check.add(at + ".devices", "must be between 0 and 100000, was " + m.devices());
            }
            if (check.ok()) {
                // To the microsecond, as PostgreSQL keeps it: a measurement sent again is found at the instant stored.
                rows.add(new StoredMeasurement(0, school, m.measuredAt().toInstant().truncatedTo(ChronoUnit.MICROS),
                        m.downloadMbps(), m.uploadMbps(), m.latencyMs(), m.lossPercent(), point.name(),
                        m.classHours() != null ? m.classHours() : inClassHours.test(m.measuredAt()), m.devices(),
                        demo));
            }
        }
        check.throwIfAny();
        return rows;
    }

    private static void range(Double v, boolean required, double min, double max, String field, FieldChecks check) {
        if (v == null) {
            if (required) {
                check.add(field, "required");
            }
        } else if (v.isNaN() || v < min || v > max) {
            check.add(field, "must be between " + (long) min + " and " + (long) max + ", was " + v);
        }
    }
}
