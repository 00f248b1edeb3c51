package org.gigaplan.usage.internal.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;


/**
 * The weekly roll-up per class, week and scene ({@code usage_week}) and the per-class year totals kept beside it
 * ({@code usage_class_year}): check-ins write the roll-up directly, events add the uses their {@link EventStore} slots
 * count. Reads are {@link WeekQueries}'.
 */
public final class WeekStore {

    /** Where a weekly figure belongs. */
    public record Cell(long classId, String schoolId, int grade, int fiscalYear, LocalDate week, int scene) {
    }


    /** A check-in for one cell: uses (the count, or the answer's weekly equivalent) and the answer if any. */
    public record CheckInCell(Cell cell, int uses, String answer) {
    }


    /**
     * Sets check-ins, keeping the uses counted from events: one batched update, then one batched insert for the
     * cells that had no row yet.
     */
    public void putCheckIns(Connection c, List<CheckInCell> cells, String by, boolean demo, Instant now)
            throws SQLException {
        int[] updated;
        try (PreparedStatement s = c.prepareStatement("UPDATE usage_week SET checkin_uses = ?, checkin_answer = ?, "
                + "checkin_by = ?, uses = CASE WHEN event_uses > ? THEN event_uses ELSE ? END, demo = ?, updated_at = ? "
                + "WHERE class_id = ? AND week = ? AND scene = ?")) {
            for (CheckInCell x : cells) {
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
            updated = s.executeBatch();
        }
        List<Object[]> fresh = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            if (updated[i] == 0) {
                CheckInCell x = cells.get(i);
                fresh.add(new Object[] { x.cell(), x.uses(), x.answer(), by, 0, x.uses() });
            }
        }
        insert(c, fresh, demo, now);
    }

    /** Adds uses counted from events to cells: a batched update, then inserts for cells without a row. */
    public void addEventUses(Connection c, Map<Cell, Integer> uses, boolean demo, Instant now) throws SQLException {
        List<Map.Entry<Cell, Integer>> entries = new ArrayList<>(uses.entrySet());
        int[] updated;
        try (PreparedStatement s = c.prepareStatement("UPDATE usage_week SET event_uses = event_uses + ?, "
                + "uses = CASE WHEN checkin_uses IS NOT NULL AND checkin_uses > event_uses + ? THEN checkin_uses "
                + "ELSE event_uses + ? END, updated_at = ? WHERE class_id = ? AND week = ? AND scene = ?")) {
            for (Map.Entry<Cell, Integer> e : entries) {
                s.setInt(1, e.getValue());
                s.setInt(2, e.getValue());
                s.setInt(3, e.getValue());
                s.setTimestamp(4, Timestamp.from(now));
                bindKey(s, 5, e.getKey());
                s.addBatch();
            }
            updated = s.executeBatch();
        }
        List<Object[]> fresh = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (updated[i] == 0) {
                Map.Entry<Cell, Integer> e = entries.get(i);
                fresh.add(new Object[] { e.getKey(), null, null, null, e.getValue(), e.getValue() });
            }
        }
        insert(c, fresh, demo, now);
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


    /**
     * Recomputes the fiscal-year totals of classes whose weekly figures a write changed, in the write's
     * transaction.
     *
     * @param classYears class id and fiscal year pairs
     */
    public void refreshYears(Connection c, Set<List<Long>> classYears) throws SQLException {
        if (classYears.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = c.prepareStatement(
                "DELETE FROM usage_class_year WHERE class_id = ? AND fiscal_year = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO usage_class_year (class_id, fiscal_year, "
                        + "scene, school_id, grade, weeks, uses, demo, updated_at) SELECT class_id, fiscal_year, scene, "
                        + "school_id, grade, COUNT(*), SUM(uses), MAX(demo), MAX(updated_at) FROM usage_week "
                        + "WHERE class_id = ? AND fiscal_year = ? GROUP BY class_id, fiscal_year, scene, school_id, grade")) {
            for (List<Long> key : classYears) {
                for (PreparedStatement s : List.of(delete, insert)) {
                    s.setLong(1, key.get(0));
                    s.setInt(2, key.get(1).intValue());
                    s.addBatch();
                }
            }
            delete.executeBatch();
            insert.executeBatch();
        }
    }
}
