package org.gigaplan.environment.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gigaplan.plan.rest.ConflictException;

/**
 * A measurement is told apart by its school, its point and the instant it was taken. One sent again (a client that got
 * no answer sends again) is taken as stored, never stored twice, so the school's median counts it once. One of the
 * same school, point and instant with other figures is refused: a test once stored is not changed, as the status was
 * counted from it, findings were opened by it and their notes cite it; and two tests of one point cannot have run in
 * the same instant.
 */
final class MeasurementResends {

    private MeasurementResends() {
    }

    /** Where and when a measurement was taken. */
    record Key(String schoolId, String point, Instant measuredAt) {

        static Key of(StoredMeasurement m) {
            return new Key(m.schoolId(), m.point(), m.measuredAt());
        }
    }

    /**
     * The rows of a batch not stored yet, in the batch's order, each once: the others are stored already or earlier
     * in the batch, with the same figures.
     *
     * @param batch  the batch's rows; row i is the batch's measurement {@code [i]}
     * @param stored the measurements stored at the batch's schools around its times (any others are ignored)
     * @throws ConflictException naming the first row ({@code [i].downloadMbps}) whose figures differ from a
     *                           measurement of its school, point and instant
     */
    static List<StoredMeasurement> fresh(List<StoredMeasurement> batch, Collection<StoredMeasurement> stored) {
        Map<Key, List<StoredMeasurement>> known = new HashMap<>();
        for (StoredMeasurement s : stored) {
            known.computeIfAbsent(Key.of(s), k -> new ArrayList<>()).add(s);
        }
        Map<Key, Integer> posted = new HashMap<>();
        List<StoredMeasurement> fresh = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            StoredMeasurement m = batch.get(i);
            Key key = Key.of(m);
            List<StoredMeasurement> before = known.get(key);
            Integer earlier = posted.get(key);
            if (before != null) {
                // (Stored before measurements were told apart, one place and instant may hold several: any will do.)
                if (before.stream().noneMatch(s -> differs(s, m) == null)) {
                    String field = differs(before.get(0), m);
                    throw conflict(i, field, key, "is stored with " + field + " " + value(before.get(0), field),
                            "は " + field + " = " + value(before.get(0), field) + " で記録済みです");
                }
            } else if (earlier != null) {
                String field = differs(batch.get(earlier), m);
                if (field != null) {
                    throw conflict(i, field, key, "is [" + earlier + "] with " + field + " "
                            + value(batch.get(earlier), field), "は [" + earlier + "] に " + field + " = "
                                    + value(batch.get(earlier), field) + " としてあります");
                }
            } else {
                posted.put(key, i);
                fresh.add(m);
            }
        }
        return fresh;
    }

    private static ConflictException conflict(int i, String field, Key key, String english, String japanese) {
        return new ConflictException("[" + i + "]." + field, "the measurement of " + key.schoolId() + " at "
                + key.point() + " taken " + key.measuredAt() + " " + english + ": a measurement once stored is not "
                + "changed (sent again, it must be the same)", key.schoolId() + " の " + key.point() + " で "
                + key.measuredAt() + " に取った測定" + japanese + "（記録済みの測定は変更できません。送り直す場合は同じ内容で）");
    }

    /** The first figure in which two measurements of one place and instant differ, as the field posted; null: none. */
    static String differs(StoredMeasurement a, StoredMeasurement b) {
        if (a.downloadMbps() != b.downloadMbps()) {
            return "downloadMbps";
        } else if (!same(a.uploadMbps(), b.uploadMbps())) {
            return "uploadMbps";
        } else if (!same(a.latencyMs(), b.latencyMs())) {
            return "latencyMs";
        } else if (!same(a.lossPercent(), b.lossPercent())) {
            return "lossPercent";
        } else if (a.classHours() != b.classHours()) {
            return "classHours";
        } else if (!java.util.Objects.equals(a.devices(), b.devices())) {
            return "devices";
        }
        return null;
    }

    private static boolean same(Double a, Double b) {
        return a == null ? b == null : b != null && a.doubleValue() == b.doubleValue();
    }

    private static Object value(StoredMeasurement m, String field) {
        return switch (field) {
            case "downloadMbps" -> m.downloadMbps();
            case "uploadMbps" -> m.uploadMbps();
            case "latencyMs" -> m.latencyMs();
            case "lossPercent" -> m.lossPercent();
            case "classHours" -> m.classHours();
            default -> m.devices();
        };
    }
}
