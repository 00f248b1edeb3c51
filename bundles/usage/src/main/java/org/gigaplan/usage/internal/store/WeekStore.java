package org.gigaplan.usage.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gigaplan.plan.service.Jdbc;


/**
 * The weekly roll-up per class, week and scene ({@code usage_week}): check-ins write it directly, events add the
 * uses their {@link EventStore} slots count. What is kept beside it is {@link KeptCounts}'; reads are
 * {@link WeekQueries}'.
 */
public final class WeekStore {

    /*
     * The weekly figures as a table to read from, naming the index Derby is to use (--DERBY-PROPERTIES, a comment to
     * other databases). Derby's optimizer may otherwise read one class's or one school's figures through another index
     * or the whole table, and wait on, then deadlock with, other schools' writers' new rows.
     */

    /** Read by class (and week): the primary key. */
    static final String BY_CLASS = "usage_week --DERBY-PROPERTIES constraint=pk_usage_week\n";

    /** Read by week (and school): the week index. */
    static final String BY_WEEK = "usage_week --DERBY-PROPERTIES index=ix_usage_week_week\n";

    /** Where a weekly figure belongs. */
    public record Cell(long classId, String schoolId, int grade, int fiscalYear, LocalDate week, int scene) {
    }


    /** A check-in for one cell: uses (the count, or the answer's weekly equivalent) and the answer if any. */
    public record CheckInCell(Cell cell, int uses, String answer) {
    }


    /** A weekly figure's values that the kept counts are counted from. */
    public record Figure(int uses, int eventUses, boolean demo) {
    }

    /** What a write did to one cell: its figure before (null when the write created it) and after. */
    public record Change(Cell cell, Figure before, Figure after) {
    }

    /**
     * A figure's uses: the check-in's count or the uses counted from events, whichever is more (the teacher may have
     * used devices the software does not see, and the software counts lessons the teacher did not report).
     */
    static int uses(Integer checkInUses, int eventUses) {
        return checkInUses == null ? eventUses : Math.max(checkInUses, eventUses);
    }

    /**
     * Sets check-ins, keeping the uses counted from events: the cells that have a figure already are updated in one
     * batch, the others inserted in one batch. The caller holds the school's lock ({@link ClassStore#lockSchools}),
     * so the figures read here cannot change before they are written.
     */
    public List<Change> putCheckIns(Connection c, List<CheckInCell> cells, String by, boolean demo, Instant now)
            throws SQLException {
        Map<Key, Stored> stored = stored(c, cells.stream().map(CheckInCell::cell).toList());
        List<Object[]> fresh = new ArrayList<>();
        List<Change> changes = new ArrayList<>(cells.size());
        try (PreparedStatement s = c.prepareStatement("UPDATE usage_week SET checkin_uses = ?, checkin_answer = ?, "
                + "checkin_by = ?, uses = ?, demo = ?, updated_at = ? WHERE class_id = ? AND week = ? AND scene = ?")) {
            for (CheckInCell x : cells) {
                Stored old = stored.get(Key.of(x.cell()));
                if (old == null) {
                    fresh.add(new Object[] { x.cell(), x.uses(), x.answer(), by, 0, x.uses() });
                    changes.add(new Change(x.cell(), null, new Figure(x.uses(), 0, demo)));
                    continue;
                }
                int uses = uses(x.uses(), old.figure().eventUses());
                s.setInt(1, x.uses());
                s.setString(2, x.answer());
                s.setString(3, by);
                s.setInt(4, uses);
                s.setInt(5, demo ? 1 : 0);
                Jdbc.setTimestamp(s, 6, now);
                bindKey(s, 7, x.cell());
                s.addBatch();
                changes.add(new Change(x.cell(), old.figure(), new Figure(uses, old.figure().eventUses(), demo)));
            }
            s.executeBatch();
        }
        insert(c, fresh, demo, now);
        return changes;
    }

    /**
     * Adds uses counted from events to cells: the cells with a figure are updated in one batch, the others inserted
     * in one batch (the caller holds the school's lock).
     */
    public List<Change> addEventUses(Connection c, Map<Cell, Integer> uses, boolean demo, Instant now)
            throws SQLException {
        Map<Key, Stored> stored = stored(c, uses.keySet());
        List<Object[]> fresh = new ArrayList<>();
        List<Change> changes = new ArrayList<>(uses.size());
        try (PreparedStatement s = c.prepareStatement("UPDATE usage_week SET event_uses = ?, uses = ?, updated_at = ? "
                + "WHERE class_id = ? AND week = ? AND scene = ?")) {
            for (Map.Entry<Cell, Integer> e : uses.entrySet()) {
                Stored old = stored.get(Key.of(e.getKey()));
                if (old == null) {
                    fresh.add(new Object[] { e.getKey(), null, null, null, e.getValue(), e.getValue() });
                    changes.add(new Change(e.getKey(), null, new Figure(e.getValue(), e.getValue(), demo)));
                    continue;
                }
                int eventUses = old.figure().eventUses() + e.getValue();
                int total = uses(old.checkInUses(), eventUses);
                s.setInt(1, eventUses);
                s.setInt(2, total);
                Jdbc.setTimestamp(s, 3, now);
                bindKey(s, 4, e.getKey());
                s.addBatch();
                changes.add(new Change(e.getKey(), old.figure(), new Figure(total, eventUses, old.figure().demo())));
            }
            s.executeBatch();
        }
        insert(c, fresh, demo, now);
        return changes;
    }

    /** A weekly figure's primary key. */
    private record Key(long classId, LocalDate week, int scene) {
        static Key of(Cell cell) {
            return new Key(cell.classId(), cell.week(), cell.scene());
        }
    }

    /** A stored figure and its check-in's count (null when only events counted uses). */
    private record Stored(Figure figure, Integer checkInUses) {
    }

    /**
     * The stored figures of these cells: one read of the primary key's range per class, from the first to the last
     * week the cells name (a fresh load finds nothing in one read instead of failing an update per figure).
     */
    private static Map<Key, Stored> stored(Connection c, Collection<Cell> cells) throws SQLException {
        Map<Long, LocalDate[]> spans = new LinkedHashMap<>();
        for (Cell x : cells) {
            spans.merge(x.classId(), new LocalDate[] { x.week(), x.week() }, (a, b) -> new LocalDate[] {
                    a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1] });
        }
        Map<Key, Stored> out = new HashMap<>();
        // Ordered as the primary key is: PostgreSQL has no hint, and with the statistics of a table still filling up
        // it read the week index (every class's figures of the year) instead, 3-4 ms a call (auto_explain).
        try (PreparedStatement s = c.prepareStatement("SELECT week, scene, uses, event_uses, demo, checkin_uses FROM "
                + BY_CLASS + "WHERE class_id = ? AND week BETWEEN ? AND ? ORDER BY week, scene")) {
            for (Map.Entry<Long, LocalDate[]> span : spans.entrySet()) {
                s.setLong(1, span.getKey());
                Jdbc.setDate(s, 2, span.getValue()[0]);
                Jdbc.setDate(s, 3, span.getValue()[1]);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(new Key(span.getKey(), r.getDate(1).toLocalDate(), r.getInt(2)), new Stored(
                                new Figure(r.getInt(3), r.getInt(4), r.getInt(5) != 0), Jdbc.nullableInt(r, 6)));
                    }
                }
            }
        }
        return out;
    }

    private static void bindKey(PreparedStatement s, int from, Cell cell) throws SQLException {
        s.setLong(from, cell.classId());
        Jdbc.setDate(s, from + 1, cell.week());
        s.setInt(from + 2, cell.scene());
    }

    /** Inserts rows of (cell, checkin_uses, checkin_answer, checkin_by, event_uses, uses) in one batch. */
    private static void insert(Connection c, List<Object[]> rows, boolean demo, Instant now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO usage_week (class_id, week, scene, school_id, grade, "
                + "fiscal_year, checkin_uses, checkin_answer, checkin_by, event_uses, uses, demo, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Object[] r : rows) {
                Cell cell = (Cell) r[0];
                bindKey(s, 1, cell);
                s.setString(4, cell.schoolId());
                s.setInt(5, cell.grade());
                s.setInt(6, cell.fiscalYear());
                s.setObject(7, r[1], Types.INTEGER);
                s.setString(8, (String) r[2]);
                s.setString(9, (String) r[3]);
                s.setInt(10, (Integer) r[4]);
                s.setInt(11, (Integer) r[5]);
                s.setInt(12, demo ? 1 : 0);
                Jdbc.setTimestamp(s, 13, now);
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
