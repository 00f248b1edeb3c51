package org.gigaplan.environment.internal.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.gigaplan.plan.service.Jdbc;

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
        List<Key> fresh = change(c, tally, 1);
        if (!fresh.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO env_xapi_school_day (statements, score_sum, "
                    + "scores, demo_statements, school_id, day) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Key k : fresh) {
                    bind(s, k, tally.days.get(k), 1);
                }
                s.executeBatch();
            }
        }
    }

    /** Adds (sign 1) or takes away (-1) each day's sums; the days not kept yet. */
    private static List<Key> change(Connection c, Tally tally, int sign) throws SQLException {
        List<Key> keys = new ArrayList<>(tally.days.keySet());
        int[] updated;
        try (PreparedStatement s = c.prepareStatement("UPDATE env_xapi_school_day SET statements = statements + ?, "
                + "score_sum = score_sum + ?, scores = scores + ?, demo_statements = demo_statements + ? "
                + "WHERE school_id = ? AND day = ?")) {
            for (Key k : keys) {
                bind(s, k, tally.days.get(k), sign);
            }
            updated = s.executeBatch();
        }
        List<Key> fresh = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (updated[i] == 0) {
                fresh.add(keys.get(i));
            }
        }
        return fresh;
    }

    private static void bind(PreparedStatement s, Key k, Sums sums, int sign) throws SQLException {
        s.setLong(1, sign * sums.statements);
        s.setDouble(2, sign * sums.scoreSum);
        s.setLong(3, sign * sums.scores);
        s.setLong(4, sign * sums.demo);
        s.setString(5, k.schoolId());
        s.setDate(6, Date.valueOf(k.day()));
        s.addBatch();
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
        change(c, tally, -1);
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
