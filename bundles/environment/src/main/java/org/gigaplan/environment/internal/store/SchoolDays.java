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
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.UpsertBatch;

/**
 * What the LRS keeps per school and day (the statement's local date in the platform's zone) beside the Statements:
 * statements, the sum and number of scaled scores, demo statements, and its {@link Learners} (by their numbers at the
 * school, with their first and last time of the day) ({@code env_xapi_school_day}); and the same per school and
 * week, Monday to Sunday, without the times ({@code env_xapi_school_week}). A summary of any period adds the weeks it
 * holds whole and the days around them, and joins their learners, instead of counting every Statement.
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

    /** Statements tallied per school and day, in key order, and each day's learners by name with their times. */
    final class Tally {
        final SortedMap<Key, Sums> days = new TreeMap<>();
        /** Per day, each learner's first and last millisecond in it. */
        final Map<Key, Map<String, int[]>> learners = new HashMap<>();

        void add(String schoolId, Instant at, Double score, boolean demo) {
            days.computeIfAbsent(new Key(schoolId, at.atZone(zone).toLocalDate()), k -> new Sums()).add(score, demo);
        }

        void add(String schoolId, String learner, Instant at, Double score, boolean demo) {
            Key day = new Key(schoolId, at.atZone(zone).toLocalDate());
            days.computeIfAbsent(day, k -> new Sums()).add(score, demo);
            int ms = msInto(day.day(), at);
            learners.computeIfAbsent(day, k -> new HashMap<>()).merge(learner, new int[] { ms, ms },
                    (a, b) -> new int[] { Math.min(a[0], b[0]), Math.max(a[1], b[1]) });
        }
    }

    Tally tally() {
        return new Tally();
    }

    /** The millisecond of a day (from its start in the platform's zone) an instant lies in. */
    int msInto(LocalDate day, Instant at) {
        return (int) Math.floorDiv(java.time.Duration.between(day.atStartOfDay(zone).toInstant(), at).toNanos(),
                1_000_000L);
    }

    /**
     * Adds new statements to what is kept, their learners by their {@code numbers}: per table, one batched update, in
     * key order so two batches never wait on each other crosswise, then one batched insert of the days (weeks) new to
     * a school with their learners; then the learners of the days updated (locked by that update) are read and those
     * that grow written. Two batches opening the same day race for its key: the caller runs in
     * {@code transactionRetrying}. A tally without learners adds sums only.
     */
    void keep(Connection c, Tally tally, Map<SchoolLearners.Learner, Integer> numbers) throws SQLException {
        SortedMap<Key, Learners> days = new TreeMap<>();
        tally.learners.forEach((k, names) -> {
            Learners day = days.computeIfAbsent(k, x -> Learners.ofDay());
            names.forEach((name, span) -> {
                int number = numbers.get(new SchoolLearners.Learner(k.schoolId(), name));
                day.add(number, span[0]);
                day.add(number, span[1]);
            });
        });
        write(c, DAYS, tally.days, days);
        write(c, WEEKS, weeks(tally.days, Sums::add, Sums::new), weeks(days));
    }

    /** The learners of days joined per school and week, without their times. */
    private static SortedMap<Key, Learners> weeks(Map<Key, Learners> days) {
        return weeks(days, Learners::addAll, Learners::ofWeek);
    }

    /** Adds statements counted per school and day already (by an earlier version) to the school weeks. */
    void keepWeeks(Connection c, Tally tally) throws SQLException {
        write(c, WEEKS, weeks(tally.days, Sums::add, Sums::new), new TreeMap<>());
    }

    private static void write(Connection c, Table table, SortedMap<Key, Sums> sums, SortedMap<Key, Learners> learners)
            throws SQLException {
        List<Key> keys = new ArrayList<>(sums.keySet());
        boolean[] inserted = rows(table, sums, 1, learners).run(c);
        SortedMap<Key, Learners> stored = new TreeMap<>();
        for (int i = 0; i < keys.size(); i++) {
            if (!inserted[i] && learners.containsKey(keys.get(i))) {
                stored.put(keys.get(i), learners.get(keys.get(i)));
            }
        }
        change(c, table, stored, true);
    }

    /** A table of what is kept, its column of the day (or the week's Monday), and whether it keeps times. */
    private record Table(String name, String day, boolean times) {
        /** The columns of its learners. */
        String[] learnerColumns() {
            return times ? new String[] { "learners", "spans" } : new String[] { "learners" };
        }

        /** A row's learners as its columns take them. */
        void addTo(List<Object> row, Learners learners) {
            row.add(learners == null ? null : learners.numbersBytes());
            if (times) {
                row.add(learners == null ? null : learners.spansBytes());
            }
        }

        /** The learners of a row read from {@code column} on. */
        Learners read(ResultSet r, int column) throws SQLException {
            return times ? Learners.ofDay(r.getBytes(column), r.getBytes(column + 1))
                    : Learners.ofWeek(r.getBytes(column));
        }
    }

    private static final Table DAYS = new Table("env_xapi_school_day", "day", true);
    private static final Table WEEKS = new Table("env_xapi_school_week", "week", false);

    /** A day's week: its Monday. */
    private static LocalDate week(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** What is kept per day joined per school and week (keyed by the week's Monday), in key order. */
    private static <T> SortedMap<Key, T> weeks(Map<Key, T> days, BiConsumer<T, T> join,
            Supplier<T> empty) {
        SortedMap<Key, T> weeks = new TreeMap<>();
        days.forEach((k, v) -> join.accept(weeks.computeIfAbsent(new Key(k.schoolId(), week(k.day())),
                x -> empty.get()), v));
        return weeks;
    }

    /**
     * Each day's (week's) sums in a table, added (sign 1) or taken away (-1), and when {@code learners} is given, a
     * new row's learners.
     */
    private static UpsertBatch rows(Table table, SortedMap<Key, Sums> sums, int sign, Map<Key, Learners> learners) {
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

    /** A row's learners written as they are now. */
    private static UpsertBatch learnersOf(Table table) {
        return UpsertBatch.into(table.name()).key("school_id", table.day()).set(table.learnerColumns());
    }

    private static void row(UpsertBatch rows, Table table, Key k, Learners learners) {
        List<Object> row = new ArrayList<>(List.of(k.schoolId(), k.day()));
        table.addTo(row, learners);
        rows.row(row.toArray());
    }

    /**
     * Adds learners to (or takes them from) the rows stored, which the caller holds (its update of their sums locked
     * them): each row's learners are read, and written when they change. A row not found is left.
     */
    private static void change(Connection c, Table table, SortedMap<Key, Learners> learners, boolean add)
            throws SQLException {
        if (learners.isEmpty()) {
            return;
        }
        Map<Key, Learners> stored = read(c, table, learners.keySet());
        UpsertBatch rows = learnersOf(table);
        for (Map.Entry<Key, Learners> given : learners.entrySet()) {
            Learners before = stored.get(given.getKey());
            if (before == null) {
                continue;
            }
            Learners after = before.copy();
            if (add) {
                after.addAll(given.getValue());
            } else {
                after.removeAll(given.getValue().numbers());
            }
            if (!after.equals(before)) {
                row(rows, table, given.getKey(), after);
            }
        }
        rows.update(c);
    }

    /** How many days one read of learners asks for: a fixed number, so the statement is prepared once. */
    private static final int CHUNK = 50;

    /** The learners of these days (weeks) as stored, by key; a day not stored is not there. */
    private static Map<Key, Learners> read(Connection c, Table table, Collection<Key> keys) throws SQLException {
        SortedMap<String, List<LocalDate>> bySchool = new TreeMap<>();
        keys.forEach(k -> bySchool.computeIfAbsent(k.schoolId(), x -> new ArrayList<>()).add(k.day()));
        Map<Key, Learners> out = new HashMap<>();
        String sql = "SELECT " + table.day() + ", " + String.join(", ", table.learnerColumns()) + " FROM "
                + table.name() + " WHERE school_id = ? AND " + table.day() + " IN (" + Jdbc.marks(CHUNK) + ")";
        for (Map.Entry<String, List<LocalDate>> school : bySchool.entrySet()) {
            for (Map.Entry<LocalDate, Learners> row : Jdbc.listIn(c, sql, CHUNK, List.of(school.getKey()),
                    school.getValue(), r -> Map.entry(r.getDate(1).toLocalDate(), table.read(r, 2)))) {
                out.put(new Key(school.getKey(), row.getKey()), row.getValue());
            }
        }
        return out;
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
        SortedMap<Key, Sums> weeks = weeks(inWeeks.days, Sums::add, Sums::new);
        rows(DAYS, inDays.days, -1, null).update(c);
        rows(WEEKS, weeks, -1, null).update(c);
        SortedMap<Key, Learners> out = new TreeMap<>();
        for (Key k : inDays.days.keySet()) {
            Integer number = numbers.get(k.schoolId());
            if (number != null) {
                out.computeIfAbsent(k, x -> Learners.ofDay()).add(number, 0);
            }
        }
        change(c, DAYS, out, false);
        change(c, WEEKS, weeks(out), false);
        dropEmpty(c, DAYS, inDays.days.keySet());
        dropEmpty(c, WEEKS, weeks.keySet());
    }

    /** Drops the days (weeks) left with no statement. */
    private static void dropEmpty(Connection c, Table table, Set<Key> keys) throws SQLException {
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
     * Makes every day's and week's learners again from every statement, by the learners' {@code numbers} (given anew
     * at a start that counted statements an earlier version stored). The caller holds the statements' table. The
     * statements are read a month at a time through the index on time, which holds school and learner, so only a
     * month of days' learners is held at once.
     */
    void relearn(Connection c, Map<SchoolLearners.Learner, Integer> numbers) throws SQLException {
        for (Table table : List.of(DAYS, WEEKS)) {
            Jdbc.update(c, "UPDATE " + table.name() + " SET " + String.join(", ", java.util.Arrays.stream(
                    table.learnerColumns()).map(x -> x + " = NULL").toList()));
        }
        java.util.Optional<LocalDate[]> stored = Jdbc.first(c, "SELECT MIN(occurred_at), MAX(occurred_at) FROM "
                + "env_xapi_statement", r -> r.getTimestamp(1) == null ? null : new LocalDate[] {
                    r.getTimestamp(1).toInstant().atZone(zone).toLocalDate(),
                    r.getTimestamp(2).toInstant().atZone(zone).toLocalDate() });
        if (stored.isEmpty()) {
            return;
        }
        SortedMap<Key, Learners> weeks = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT school_id, learner, occurred_at FROM env_xapi_statement "
                + "WHERE occurred_at >= ? AND occurred_at < ?")) {
            s.setFetchSize(1_000);
            for (LocalDate month = stored.get()[0].withDayOfMonth(1); !month.isAfter(stored.get()[1]);
                    month = month.plusMonths(1)) {
                Jdbc.setTimestamp(s, 1, month.atStartOfDay(zone).toInstant());
                Jdbc.setTimestamp(s, 2, month.plusMonths(1).atStartOfDay(zone).toInstant());
                SortedMap<Key, Learners> days = new TreeMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Integer number = numbers.get(new SchoolLearners.Learner(r.getString(1), r.getString(2)));
                        if (number != null) {
                            Instant at = r.getTimestamp(3).toInstant();
                            LocalDate day = at.atZone(zone).toLocalDate();
                            days.computeIfAbsent(new Key(r.getString(1), day), k -> Learners.ofDay()).add(number,
                                    msInto(day, at));
                        }
                    }
                }
                setLearners(c, DAYS, days);
                weeks(days).forEach((k, learners) -> weeks.computeIfAbsent(k, x -> Learners.ofWeek()).addAll(learners));
            }
        }
        setLearners(c, WEEKS, weeks);
    }

    /** Writes the learners of days (weeks) stored. */
    private static void setLearners(Connection c, Table table, Map<Key, Learners> learners) throws SQLException {
        UpsertBatch rows = learnersOf(table);
        learners.forEach((k, of) -> row(rows, table, k, of));
        rows.update(c);
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
        LocalDate lastWeek = week(last.plusDays(1)).minusWeeks(1);
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
    private static void add(Connection c, Table table, String schoolId, LocalDate from, LocalDate to,
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

    /** Per school (or one school): the learners of these two days, with their times; a day with none is not there. */
    static Map<Key, Learners> edges(Connection c, String schoolId, LocalDate one, LocalDate other)
            throws SQLException {
        Map<Key, Learners> out = new HashMap<>();
        for (Map.Entry<Key, Learners> row : Jdbc.list(c, "SELECT school_id, day, learners, spans FROM " + DAYS.name()
                + " WHERE day IN (?, ?)" + (schoolId == null ? "" : " AND school_id = ?"),
                r -> Map.entry(new Key(r.getString(1), r.getDate(2).toLocalDate()), DAYS.read(r, 3)),
                schoolId == null ? List.of(one, other) : List.of(one, other, schoolId))) {
            out.put(row.getKey(), row.getValue());
        }
        return out;
    }
}
