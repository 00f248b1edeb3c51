package org.gigaplan.environment.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.UpsertBatch;

import static org.gigaplan.environment.internal.store.DayTable.DAYS;
import static org.gigaplan.environment.internal.store.DayTable.WEEKS;

/**
 * What the LRS keeps per school and day (the statement's local date in the platform's zone) beside the Statements:
 * statements, the sum and number of scaled scores, demo statements, and its {@link Learners} (by their numbers at the
 * school, with their first and last time of the day) ({@code env_xapi_school_day}); and the same per school and
 * week, Monday to Sunday, without the times ({@code env_xapi_school_week}). A summary of any period adds the weeks it
 * holds whole and the days around them, and joins their learners, instead of counting every Statement. The learners'
 * columns are read and written by {@link SchoolDayLearners}.
 */
public final class SchoolDays {

    private final ZoneId zone;

    SchoolDays(ZoneId zone) {
        this.zone = zone;
    }

    /** Statements tallied per school and day, in key order, and each day's learners by name with their times. */
    final class Tally {
        final SortedMap<SchoolDay, Sums> days = new TreeMap<>();
        /** Per day, each learner's first and last millisecond in it. */
        final Map<SchoolDay, Map<String, int[]>> learners = new HashMap<>();

        void add(String schoolId, Instant at, Double score, boolean demo) {
            days.computeIfAbsent(new SchoolDay(schoolId, at.atZone(zone).toLocalDate()), k -> new Sums())
                    .add(score, demo);
        }

        void add(String schoolId, String learner, Instant at, Double score, boolean demo) {
            SchoolDay day = new SchoolDay(schoolId, at.atZone(zone).toLocalDate());
            days.computeIfAbsent(day, k -> new Sums()).add(score, demo);
            int ms = msInto(day.day(), at);
            learners.computeIfAbsent(day, k -> new HashMap<>()).compute(learner, (n, span) -> Learners.widen(span, ms));
        }
    }

    Tally tally() {
        return new Tally();
    }

    /** The millisecond of a day (from its start in the platform's zone) an instant lies in. */
    int msInto(LocalDate day, Instant at) {
        return (int) Math.floorDiv(Duration.between(day.atStartOfDay(zone).toInstant(), at).toNanos(), 1_000_000L);
    }

    /**
     * Adds new statements to what is kept, their learners by their {@code numbers}: per table, one batched update, in
     * key order so two batches never wait on each other crosswise, then one batched insert of the days (weeks) new to
     * a school with their learners; then the learners of the days updated (locked by that update) are read and those
     * that grow written. Two batches opening the same day race for its key: the caller runs in
     * {@code transactionRetrying}. A tally without learners adds sums only.
     */
    void keep(Connection c, Tally tally, Map<SchoolLearners.Learner, Integer> numbers) throws SQLException {
        SortedMap<SchoolDay, Learners> days = new TreeMap<>();
        tally.learners.forEach((k, names) -> {
            Learners day = days.computeIfAbsent(k, x -> Learners.ofDay());
            names.forEach((name, span) -> {
                Integer number = numbers.get(new SchoolLearners.Learner(k.schoolId(), name));
                if (number != null) {
                    day.add(number, span[0]);
                    day.add(number, span[1]);
                }
            });
        });
        write(c, DAYS, tally.days, days);
        write(c, WEEKS, weeks(tally.days, Sums::add, Sums::new), weeks(days, Learners::addAll, Learners::ofWeek));
    }

    /** Adds statements counted per school and day already (by an earlier version) to the school weeks. */
    void keepWeeks(Connection c, Tally tally) throws SQLException {
        write(c, WEEKS, weeks(tally.days, Sums::add, Sums::new), new TreeMap<>());
    }

    private static void write(Connection c, DayTable table, SortedMap<SchoolDay, Sums> sums,
            SortedMap<SchoolDay, Learners> learners) throws SQLException {
        List<SchoolDay> keys = new ArrayList<>(sums.keySet());
        boolean[] inserted = rows(table, sums, 1, learners).run(c);
        SortedMap<SchoolDay, Learners> stored = new TreeMap<>();
        for (int i = 0; i < keys.size(); i++) {
            if (!inserted[i] && learners.containsKey(keys.get(i))) {
                stored.put(keys.get(i), learners.get(keys.get(i)));
            }
        }
        SchoolDayLearners.add(c, table, stored);
    }

    /** What is kept per day joined per school and week (keyed by the week's Monday), in key order. */
    private static <T> SortedMap<SchoolDay, T> weeks(Map<SchoolDay, T> days, BiConsumer<T, T> join, Supplier<T> empty) {
        SortedMap<SchoolDay, T> weeks = new TreeMap<>();
        days.forEach((k, v) -> join.accept(weeks.computeIfAbsent(k.week(), x -> empty.get()), v));
        return weeks;
    }

    /**
     * Each day's (week's) sums in a table, added (sign 1) or taken away (-1), and when {@code learners} is given, a
     * new row's learners.
     */
    private static UpsertBatch rows(DayTable table, SortedMap<SchoolDay, Sums> sums, int sign,
            Map<SchoolDay, Learners> learners) {
        UpsertBatch rows = UpsertBatch.into(table.name()).key("school_id", table.day())
                .add("statements", "score_sum", "scores", "demo_statements");
        if (learners != null) {
            rows.onInsert(table.learnerColumns());
        }
        sums.forEach((k, n) -> {
            List<Object> row = new ArrayList<>(List.of(k.schoolId(), k.day(), sign * n.statements, sign * n.scoreSum,
                    sign * n.scores, sign * n.demo));
            if (learners != null) {
                table.addTo(row, learners.get(k));
            }
            rows.row(row.toArray());
        });
        return rows;
    }

    /**
     * Takes a learner's kept statements (still stored) out of what is kept, and their number at each school
     * ({@code numbers}) out of its days' and weeks' learners; a day or week left with none is dropped. Statements
     * stored by the version before the school weeks are in the days, and in the weeks only once counted at a start.
     */
    void remove(Connection c, String learner, Map<String, Integer> numbers) throws SQLException {
        Tally inDays = tally();
        Tally inWeeks = tally();
        try (PreparedStatement s = c.prepareStatement("SELECT school_id, occurred_at, score_scaled, demo, kept "
                + "FROM env_xapi_statement WHERE learner = ? AND kept >= " + StatementTotals.KEPT_IN_DAYS)) {
            s.setString(1, learner);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    for (Tally t : r.getInt(5) >= StatementTotals.KEPT_IN_WEEKS ? List.of(inDays, inWeeks)
                            : List.of(inDays)) {
                        t.add(r.getString(1), r.getTimestamp(2).toInstant(), Jdbc.nullableDouble(r, 3),
                                r.getInt(4) > 0);
                    }
                }
            }
        }
        if (inDays.days.isEmpty()) {
            return;
        }
        SortedMap<SchoolDay, Sums> weeks = weeks(inWeeks.days, Sums::add, Sums::new);
        rows(DAYS, inDays.days, -1, null).update(c);
        rows(WEEKS, weeks, -1, null).update(c);
        SortedMap<SchoolDay, BitSet> gone = new TreeMap<>();
        for (SchoolDay k : inDays.days.keySet()) {
            Integer number = numbers.get(k.schoolId());
            if (number != null) {
                gone.computeIfAbsent(k, x -> new BitSet()).set(number);
            }
        }
        SchoolDayLearners.remove(c, DAYS, gone);
        SchoolDayLearners.remove(c, WEEKS, weeks(gone, BitSet::or, BitSet::new));
        dropEmpty(c, DAYS, inDays.days.keySet());
        dropEmpty(c, WEEKS, weeks.keySet());
    }

    /** Drops the days (weeks) left with no statement. */
    private static void dropEmpty(Connection c, DayTable table, Set<SchoolDay> keys) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table.name() + " WHERE school_id = ? AND "
                + table.day() + " = ? AND statements <= 0")) {
            for (SchoolDay k : keys) {
                s.setString(1, k.schoolId());
                Jdbc.setDate(s, 2, k.day());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Makes every day's and week's learners again from every statement, by the learners' {@code numbers} (given anew
     * at a start that counted statements an earlier version stored). The caller holds the statements' table. The
     * statements are read a month at a time through the index on time, which holds school and learner, so only a
     * month of days' learners is held at once.
     */
    void relearn(Connection c, Map<SchoolLearners.Learner, Integer> numbers) throws SQLException {
        SchoolDayLearners.clear(c);
        Optional<LocalDate[]> stored = Jdbc.first(c, "SELECT MIN(occurred_at), MAX(occurred_at) FROM "
                + "env_xapi_statement", r -> r.getTimestamp(1) == null ? null : new LocalDate[] {
                    r.getTimestamp(1).toInstant().atZone(zone).toLocalDate(),
                    r.getTimestamp(2).toInstant().atZone(zone).toLocalDate() });
        if (stored.isEmpty()) {
            return;
        }
        SortedMap<SchoolDay, Learners> weeks = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT school_id, learner, occurred_at FROM env_xapi_statement "
                + "WHERE occurred_at >= ? AND occurred_at < ?")) {
            s.setFetchSize(1_000);
            for (LocalDate month = stored.get()[0].withDayOfMonth(1); !month.isAfter(stored.get()[1]);
                    month = month.plusMonths(1)) {
                Jdbc.setTimestamp(s, 1, month.atStartOfDay(zone).toInstant());
                Jdbc.setTimestamp(s, 2, month.plusMonths(1).atStartOfDay(zone).toInstant());
                SortedMap<SchoolDay, Learners> days = new TreeMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Integer number = numbers.get(new SchoolLearners.Learner(r.getString(1), r.getString(2)));
                        if (number != null) {
                            Instant at = r.getTimestamp(3).toInstant();
                            LocalDate day = at.atZone(zone).toLocalDate();
                            days.computeIfAbsent(new SchoolDay(r.getString(1), day), k -> Learners.ofDay())
                                    .add(number, msInto(day, at));
                        }
                    }
                }
                SchoolDayLearners.set(c, DAYS, days);
                days.forEach((k, learners) -> weeks.computeIfAbsent(k.week(), x -> Learners.ofWeek())
                        .addAll(learners));
            }
        }
        SchoolDayLearners.set(c, WEEKS, weeks);
    }

    /** A school's whole days (weeks) of a period: their sums, and the numbers of the learners with any statement. */
    record Whole(Sums sums, BitSet learners) {
        Whole() {
            this(new Sums(), new BitSet());
        }
    }

    /**
     * Per school (or one school): what the days {@code first} … {@code last} hold, from the weeks they hold whole and
     * the days before and after those weeks.
     */
    Map<String, Whole> whole(Connection c, String schoolId, LocalDate first, LocalDate last) throws SQLException {
        LocalDate firstWeek = first.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        LocalDate lastWeek = SchoolDay.week(last.plusDays(1)).minusWeeks(1);
        Map<String, Whole> out = new HashMap<>();
        if (firstWeek.isAfter(lastWeek)) {
            add(c, DAYS, schoolId, first, last, out);
        } else {
            add(c, WEEKS, schoolId, firstWeek, lastWeek, out);
            add(c, DAYS, schoolId, first, firstWeek.minusDays(1), out);
            add(c, DAYS, schoolId, lastWeek.plusWeeks(1), last, out);
        }
        return out;
    }

    /** Adds what a table's days (weeks) {@code from} … {@code to} hold to {@code out}, per school. */
    private static void add(Connection c, DayTable table, String schoolId, LocalDate from, LocalDate to,
            Map<String, Whole> out) throws SQLException {
        if (from.isAfter(to)) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT school_id, statements, score_sum, scores, "
                + "demo_statements, learners FROM " + table.name() + " WHERE " + table.day() + " >= ? AND "
                + table.day() + " <= ?" + (schoolId == null ? "" : " AND school_id = ?"))) {
            Jdbc.setDate(s, 1, from);
            Jdbc.setDate(s, 2, to);
            if (schoolId != null) {
                s.setString(3, schoolId);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Whole school = out.computeIfAbsent(r.getString(1), k -> new Whole());
                    school.sums().statements += r.getLong(2);
                    school.sums().scoreSum += r.getDouble(3);
                    school.sums().scores += r.getLong(4);
                    school.sums().demo += r.getLong(5);
                    school.learners().or(Learners.numbers(r.getBytes(6)));
                }
            }
        }
    }
}
