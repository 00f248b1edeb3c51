package org.gigaplan.environment.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.UpsertBatch;

/**
 * The learners kept in each school day's and week's row ({@link Learners}: the columns {@code learners} and, for a
 * day, {@code spans}): read, changed and written, apart from the row's sums ({@link SchoolDays}).
 */
final class SchoolDayLearners {

    private SchoolDayLearners() {
    }

    /**
     * Adds learners to the rows stored, which the caller holds (its update of their sums locked them): each row's
     * learners are read, and written when they grow. A row not found is left.
     */
    static void add(Connection c, DayTable table, SortedMap<SchoolDay, Learners> learners) throws SQLException {
        change(c, table, learners, Learners::addAll);
    }

    /** Takes learners (by number) out of the rows stored, which the caller holds; a row not found is left. */
    static void remove(Connection c, DayTable table, SortedMap<SchoolDay, BitSet> gone) throws SQLException {
        change(c, table, gone, Learners::removeAll);
    }

    private static <T> void change(Connection c, DayTable table, SortedMap<SchoolDay, T> changes,
            BiConsumer<Learners, T> change) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        Map<SchoolDay, Learners> stored = read(c, table, changes.keySet());
        UpsertBatch rows = rows(table);
        for (Map.Entry<SchoolDay, T> given : changes.entrySet()) {
            Learners before = stored.get(given.getKey());
            if (before == null) {
                continue;
            }
            Learners after = before.copy();
            change.accept(after, given.getValue());
            if (!after.equals(before)) {
                row(rows, table, given.getKey(), after);
            }
        }
        rows.update(c);
    }

    /** How many days one read of learners asks for: a fixed number, so the statement is prepared once. */
    private static final int CHUNK = 50;

    /** The learners of these days (weeks) as stored; a day not stored is not there. */
    private static Map<SchoolDay, Learners> read(Connection c, DayTable table, Collection<SchoolDay> keys)
            throws SQLException {
        SortedMap<String, List<LocalDate>> bySchool = new TreeMap<>();
        keys.forEach(k -> bySchool.computeIfAbsent(k.schoolId(), x -> new ArrayList<>()).add(k.day()));
        Map<SchoolDay, Learners> out = new HashMap<>();
        String sql = "SELECT " + table.day() + ", " + String.join(", ", table.learnerColumns()) + " FROM "
                + table.name() + " WHERE school_id = ? AND " + table.day() + " IN (" + Jdbc.marks(CHUNK) + ")";
        for (Map.Entry<String, List<LocalDate>> school : bySchool.entrySet()) {
            for (Map.Entry<LocalDate, Learners> row : Jdbc.listIn(c, sql, CHUNK, List.of(school.getKey()),
                    school.getValue(), r -> Map.entry(r.getDate(1).toLocalDate(), table.read(r, 2)))) {
                out.put(new SchoolDay(school.getKey(), row.getKey()), row.getValue());
            }
        }
        return out;
    }

    /** Writes the learners of days (weeks) stored as they are given. */
    static void set(Connection c, DayTable table, Map<SchoolDay, Learners> learners) throws SQLException {
        UpsertBatch rows = rows(table);
        learners.forEach((k, of) -> row(rows, table, k, of));
        rows.update(c);
    }

    /** Forgets every day's and week's learners (before they are made again from the statements). */
    static void clear(Connection c) throws SQLException {
        for (DayTable table : List.of(DayTable.DAYS, DayTable.WEEKS)) {
            Jdbc.update(c, "UPDATE " + table.name() + " SET " + String.join(", ", Arrays.stream(
                    table.learnerColumns()).map(x -> x + " = NULL").toList()));
        }
    }

    /** A row's learners written as they are now. */
    private static UpsertBatch rows(DayTable table) {
        return UpsertBatch.into(table.name()).key("school_id", table.day()).set(table.learnerColumns());
    }

    private static void row(UpsertBatch rows, DayTable table, SchoolDay k, Learners learners) {
        List<Object> row = new ArrayList<>(List.of(k.schoolId(), k.day()));
        table.addTo(row, learners);
        rows.row(row.toArray());
    }

    /** Per school (or one school): the learners of these two days, with their times; a day with none is not there. */
    static Map<SchoolDay, Learners> edges(Connection c, String schoolId, LocalDate one, LocalDate other)
            throws SQLException {
        Map<SchoolDay, Learners> out = new HashMap<>();
        DayTable days = DayTable.DAYS;
        for (Map.Entry<SchoolDay, Learners> row : Jdbc.list(c, "SELECT school_id, day, learners, spans FROM "
                + days.name() + " WHERE day IN (?, ?)" + (schoolId == null ? "" : " AND school_id = ?"),
                r -> Map.entry(new SchoolDay(r.getString(1), r.getDate(2).toLocalDate()), days.read(r, 3)),
                schoolId == null ? List.of(one, other) : List.of(one, other, schoolId))) {
            out.put(row.getKey(), row.getValue());
        }
        return out;
    }
}
