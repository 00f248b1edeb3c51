package org.gigaplan.environment.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.UpsertBatch;

/**
 * What the LRS keeps per school and day (the statement's local date in the platform's zone) beside the Statements:
 * statements, the sum and number of scaled scores, and demo statements ({@code env_xapi_school_day}); and the same
 * per school and week, Monday to Sunday ({@code env_xapi_school_week}). A summary of any period adds the weeks it
 * holds whole and the days around them instead of counting every Statement; who was active is kept per learner and
 * year ({@link LearnerYears}), since learners do not add up across days.
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
     * Adds new statements to what is kept: per table, one batched update, in key order so two batches never wait on
     * each other crosswise, then one batched insert of the days (weeks) new to a school. Two batches opening the same
     * day race for its key: the caller runs in {@code transactionRetrying}.
     */
    void keep(Connection c, Tally tally) throws SQLException {
        rows(DAYS, tally.days, 1).run(c);
        keepWeeks(c, tally);
    }

    /** Adds statements counted per school and day already (by the version before this one) to the school weeks. */
    void keepWeeks(Connection c, Tally tally) throws SQLException {
        rows(WEEKS, weeks(tally), 1).run(c);
    }

    /** A table of what is kept, and its column of the day (or the week's Monday). */
    private record Table(String name, String day) {
    }

    private static final Table DAYS = new Table("env_xapi_school_day", "day");
    private static final Table WEEKS = new Table("env_xapi_school_week", "week");

    /** A day's week: its Monday. */
    private static LocalDate week(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The days' sums added up per school and week (keyed by the week's Monday), in key order. */
    private static SortedMap<Key, Sums> weeks(Tally tally) {
        SortedMap<Key, Sums> weeks = new TreeMap<>();
        tally.days.forEach((k, sums) -> weeks.computeIfAbsent(new Key(k.schoolId(), week(k.day())), x -> new Sums())
                .add(sums));
        return weeks;
    }

    /** Each day's (week's) sums in a table, added (sign 1) or taken away (-1). */
    private static UpsertBatch rows(Table table, SortedMap<Key, Sums> sums, int sign) {
        UpsertBatch rows = UpsertBatch.into(table.name()).key("school_id", table.day())
                .add("statements", "score_sum", "scores", "demo_statements");
        sums.forEach((k, n) -> rows.row(k.schoolId(), k.day(), sign * n.statements, sign * n.scoreSum,
                sign * n.scores, sign * n.demo));
        return rows;
    }

    /**
     * Takes a learner's kept statements (still stored) out of what is kept; a day or week left with none is dropped.
     * Statements the version before stored are in the days, and in the weeks only once counted at a start.
     */
    void remove(Connection c, String learner) throws SQLException {
        Tally inDays = tally();
        Tally inWeeks = tally();
        try (PreparedStatement s = c.prepareStatement("SELECT school_id, occurred_at, score_scaled, demo, kept "
                + "FROM env_xapi_statement WHERE learner = ? AND kept >= " + StatementTotals.KEPT_BEFORE)) {
            s.setString(1, learner);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    for (Tally t : r.getInt(5) == StatementTotals.KEPT ? List.of(inDays, inWeeks) : List.of(inDays)) {
                        t.add(r.getString(1), r.getTimestamp(2).toInstant(), Jdbc.nullableDouble(r, 3),
                                r.getInt(4) > 0);
                    }
                }
            }
        }
        if (inDays.days.isEmpty()) {
            return;
        }
        SortedMap<Key, Sums> weeks = weeks(inWeeks);
        rows(DAYS, inDays.days, -1).update(c);
        rows(WEEKS, weeks, -1).update(c);
        dropEmpty(c, DAYS, inDays.days.keySet());
        dropEmpty(c, WEEKS, weeks.keySet());
    }

    /** Drops the days (weeks) left with no statement. */
    private static void dropEmpty(Connection c, Table table, java.util.Set<Key> keys) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table.name() + " WHERE school_id = ? AND "
                + table.day() + " = ? AND statements <= 0")) {
            for (Key k : keys) {
                s.setString(1, k.schoolId());
                Jdbc.setDate(s, 2, k.day());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Per school (or one school): the sums of the days {@code first} … {@code last}, from the weeks they hold whole
     * and the days before and after those weeks.
     */
    Map<String, Sums> sums(Connection c, String schoolId, LocalDate first, LocalDate last) throws SQLException {
        LocalDate firstWeek = first.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        LocalDate lastWeek = week(last.plusDays(1)).minusWeeks(1);
        Map<String, Sums> out = new HashMap<>();
        if (firstWeek.isAfter(lastWeek)) {
            add(c, DAYS, schoolId, first, last, out);
        } else {
            add(c, WEEKS, schoolId, firstWeek, lastWeek, out);
            add(c, DAYS, schoolId, first, firstWeek.minusDays(1), out);
            add(c, DAYS, schoolId, lastWeek.plusWeeks(1), last, out);
        }
        return out;
    }

    /** Adds the sums of a table's days (weeks) {@code from} … {@code to} to {@code out}, per school. */
    private static void add(Connection c, Table table, String schoolId, LocalDate from, LocalDate to,
            Map<String, Sums> out) throws SQLException {
        if (from.isAfter(to)) {
            return;
        }
        for (Map.Entry<String, Sums> school : Jdbc.list(c, "SELECT school_id, SUM(statements), SUM(score_sum), "
                + "SUM(scores), SUM(demo_statements) FROM " + table.name() + " WHERE " + table.day() + " >= ? AND "
                + table.day() + " <= ?" + (schoolId == null ? "" : " AND school_id = ?") + " GROUP BY school_id", r -> {
                    Sums sums = new Sums();
                    sums.statements = r.getLong(2);
                    sums.scoreSum = r.getDouble(3);
                    sums.scores = r.getLong(4);
                    sums.demo = r.getLong(5);
                    return Map.entry(r.getString(1), sums);
                }, schoolId == null ? List.of(from, to) : List.of(from, to, schoolId))) {
            out.computeIfAbsent(school.getKey(), k -> new Sums()).add(school.getValue());
        }
    }
}
