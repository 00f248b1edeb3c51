package org.gigaplan.environment.internal.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.UpsertBatch;

/**
 * What the LRS keeps per school and day (the statement's local date in the platform's zone) beside the Statements:
 * statements, the sum and number of scaled scores, and demo statements ({@code env_xapi_school_day}). A summary of
 * any period adds the days it holds whole instead of counting every Statement; who was active is kept per learner
 * and year ({@link LearnerYears}), since learners do not add up across days.
 */
public final class SchoolDays {

    private final ZoneId zone;

    SchoolDays(ZoneId zone) {
        this.zone = zone;
    }

    /** A school's day. */
    record Key(String schoolId, LocalDate day) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int bySchool = schoolId.compareTo(o.schoolId);
            return bySchool != 0 ? bySchool : day.compareTo(o.day);
        }
    }

    /** Statements tallied per school and day, in key order. */
    final class Tally {
        final SortedMap<Key, Sums> days = new TreeMap<>();

        void add(String schoolId, Instant at, Double score, boolean demo) {
            days.computeIfAbsent(new Key(schoolId, at.atZone(zone).toLocalDate()), k -> new Sums()).add(score, demo);
        }
    }

    Tally tally() {
        return new Tally();
    }

    /**
     * Adds new statements to what is kept: one batched update, in key order so two batches never wait on each other
     * crosswise, then one batched insert of the days new to a school. Two batches opening the same day race for its
     * key: the caller runs in {@code transactionRetrying}.
     */
    void keep(Connection c, Tally tally) throws SQLException {
        rows(tally, 1).run(c);
    }

    /** Each day's sums, added (sign 1) or taken away (-1). */
    private static UpsertBatch rows(Tally tally, int sign) {
        UpsertBatch rows = UpsertBatch.into("env_xapi_school_day").key("school_id", "day")
                .add("statements", "score_sum", "scores", "demo_statements");
        tally.days.forEach((k, sums) -> rows.row(k.schoolId(), k.day(), sign * sums.statements, sign * sums.scoreSum,
                sign * sums.scores, sign * sums.demo));
        return rows;
    }

    /** Takes a learner's kept statements (still stored) out of what is kept; a day left with none is dropped. */
    void remove(Connection c, String learner) throws SQLException {
        Tally tally = tally();
        try (PreparedStatement s = c.prepareStatement("SELECT school_id, occurred_at, score_scaled, demo "
                + "FROM env_xapi_statement WHERE learner = ? AND kept = 1")) {
            s.setString(1, learner);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    tally.add(r.getString(1), r.getTimestamp(2).toInstant(), Jdbc.nullableDouble(r, 3), r.getInt(4) > 0);
                }
            }
        }
        if (tally.days.isEmpty()) {
            return;
        }
        rows(tally, -1).update(c);
        try (PreparedStatement s = c.prepareStatement("DELETE FROM env_xapi_school_day WHERE school_id = ? AND day = ? "
                + "AND statements <= 0")) {
            for (Key k : tally.days.keySet()) {
                s.setString(1, k.schoolId());
                s.setDate(2, Date.valueOf(k.day()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Per school (or one school): the sums of the days {@code first} … {@code last}. */
    Map<String, Sums> sums(Connection c, String schoolId, LocalDate first, LocalDate last) throws SQLException {
        Map<String, Sums> out = new HashMap<>();
        for (Map.Entry<String, Sums> school : Jdbc.list(c, "SELECT school_id, SUM(statements), SUM(score_sum), "
                + "SUM(scores), SUM(demo_statements) FROM env_xapi_school_day WHERE day >= ? AND day <= ?"
                + (schoolId == null ? "" : " AND school_id = ?") + " GROUP BY school_id", r -> {
                    Sums sums = new Sums();
                    sums.statements = r.getLong(2);
                    sums.scoreSum = r.getDouble(3);
                    sums.scores = r.getLong(4);
                    sums.demo = r.getLong(5);
                    return Map.entry(r.getString(1), sums);
                }, schoolId == null ? List.of(first, last) : List.of(first, last, schoolId))) {
            out.put(school.getKey(), school.getValue());
        }
        return out;
    }
}
