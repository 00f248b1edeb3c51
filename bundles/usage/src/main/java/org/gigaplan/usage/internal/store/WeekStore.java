package org.gigaplan.usage.internal.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;


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


    /**
     * Sets check-ins, keeping the uses counted from events: the cells that have a figure already are updated in one
     * batch, the others inserted in one batch. The caller holds the school's lock ({@link ClassStore#lockSchools}),
     * so which cells are stored cannot change meanwhile.
     */
    public void putCheckIns(Connection c, List<CheckInCell> cells, String by, boolean demo, Instant now)
            throws SQLException {
        Set<Key> stored = stored(c, cells.stream().map(CheckInCell::cell).toList());
        List<Object[]> fresh = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("UPDATE usage_week SET checkin_uses = ?, checkin_answer = ?, "
                + "checkin_by = ?, uses = CASE WHEN event_uses > ? THEN event_uses ELSE ? END, demo = ?, updated_at = ? "
                + "WHERE class_id = ? AND week = ? AND scene = ?")) {
            for (CheckInCell x : cells) {
                if (!stored.contains(Key.of(x.cell()))) {
                    fresh.add(new Object[] { x.cell(), x.uses(), x.answer(), by, 0, x.uses() });
                    continue;
                }
                s.setInt(1, x.uses());
                s.setString(2, x.answer());
                s.setString(3, by);
                s.setInt(4, x.uses());
                s.setInt(5, x.uses());
                s.setInt(6, demo ? 1 : 0);
                s.setTimestamp(7, Timestamp.from(now));
                bindKey(s, 8, x.cell());
                s.addBatch();
            }
            s.executeBatch();
        }
        insert(c, fresh, demo, now);
    }

    /**
     * Adds uses counted from events to cells: the cells with a figure are updated in one batch, the others inserted
     * in one batch (the caller holds the school's lock).
     */
    public void addEventUses(Connection c, Map<Cell, Integer> uses, boolean demo, Instant now) throws SQLException {
        Set<Key> stored = stored(c, uses.keySet());
        List<Object[]> fresh = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("UPDATE usage_week SET event_uses = event_uses + ?, "
                + "uses = CASE WHEN checkin_uses IS NOT NULL AND checkin_uses > event_uses + ? THEN checkin_uses "
                + "ELSE event_uses + ? END, updated_at = ? WHERE class_id = ? AND week = ? AND scene = ?")) {
            for (Map.Entry<Cell, Integer> e : uses.entrySet()) {
                if (!stored.contains(Key.of(e.getKey()))) {
                    fresh.add(new Object[] { e.getKey(), null, null, null, e.getValue(), e.getValue() });
                    continue;
                }
                s.setInt(1, e.getValue());
                s.setInt(2, e.getValue());
                s.setInt(3, e.getValue());
                s.setTimestamp(4, Timestamp.from(now));
                bindKey(s, 5, e.getKey());
                s.addBatch();
            }
            s.executeBatch();
        }
        insert(c, fresh, demo, now);
    }

    /** A weekly figure's primary key. */
    private record Key(long classId, LocalDate week, int scene) {
        static Key of(Cell cell) {
            return new Key(cell.classId(), cell.week(), cell.scene());
        }
    }

    /**
     * Which of these cells have a weekly figure: one read of the primary key's range per class, from the first to the
     * last week the cells name (a fresh load finds nothing in one read instead of failing an update per figure).
     */
    private static Set<Key> stored(Connection c, Collection<Cell> cells) throws SQLException {
        Map<Long, LocalDate[]> spans = new LinkedHashMap<>();
        for (Cell x : cells) {
            spans.merge(x.classId(), new LocalDate[] { x.week(), x.week() }, (a, b) -> new LocalDate[] {
                    a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1] });
        }
        Set<Key> out = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT week, scene FROM " + BY_CLASS + "WHERE class_id = ? AND week BETWEEN ? AND ?")) {
            for (Map.Entry<Long, LocalDate[]> span : spans.entrySet()) {
                s.setLong(1, span.getKey());
                s.setDate(2, Date.valueOf(span.getValue()[0]));
                s.setDate(3, Date.valueOf(span.getValue()[1]));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Key(span.getKey(), r.getDate(1).toLocalDate(), r.getInt(2)));
                    }
                }
            }
        }
        return out;
    }

    private static void bindKey(PreparedStatement s, int from, Cell cell) throws SQLException {
        s.setLong(from, cell.classId());
        s.setDate(from + 1, Date.valueOf(cell.week()));
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
                s.setTimestamp(13, Timestamp.from(now));
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
