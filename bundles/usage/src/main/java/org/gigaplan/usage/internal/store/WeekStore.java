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

    /**
     * Recomputes, in the write's transaction, what is kept beside the weekly figures a write changed: the classes'
     * fiscal-year totals and the schools' weekly counts.
     *
     * @param target the uses a week at which a class meets a scene's target
     */
    public void refresh(Connection c, java.util.Collection<Cell> cells, int target) throws SQLException {
        Set<List<Long>> classYears = new java.util.LinkedHashSet<>();
        Map<String, Set<LocalDate>> schoolWeeks = new java.util.TreeMap<>();
        for (Cell cell : cells) {
            classYears.add(List.of(cell.classId(), (long) cell.fiscalYear()));
            schoolWeeks.computeIfAbsent(cell.schoolId(), k -> new java.util.TreeSet<>()).add(cell.week());
        }
        refreshYears(c, classYears);
        for (Map.Entry<String, Set<LocalDate>> e : schoolWeeks.entrySet()) {
            refreshSchoolWeeks(c, e.getKey(), e.getValue(), target);
        }
    }

    /**
     * Recomputes a school's weekly counts ({@code usage_school_week}: per week and scene, classes reporting and
     * classes at or above {@code target}) from its classes' weekly figures, in the caller's transaction.
     */
    public void refreshSchoolWeeks(Connection c, String schoolId, java.util.Collection<LocalDate> weeks, int target)
            throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(
                "DELETE FROM usage_school_week WHERE school_id = ? AND week = ?");
                PreparedStatement insert = c.prepareStatement(SCHOOL_WEEKS + " WHERE school_id = ? AND week = ?"
                        + SCHOOL_WEEKS_GROUP)) {
            for (LocalDate week : weeks) {
                delete.setString(1, schoolId);
                delete.setDate(2, Date.valueOf(week));
                delete.addBatch();
                insert.setInt(1, target);
                insert.setInt(2, target);
                insert.setString(3, schoolId);
                insert.setDate(4, Date.valueOf(week));
                insert.addBatch();
            }
            delete.executeBatch();
            insert.executeBatch();
        }
    }

    /**
     * Makes the schools' weekly counts match the weekly figures and the target in force: rebuilt whole when they were
     * kept for another target (the configuration changed) or never kept (figures stored before the table existed).
     * Runs when the module starts; the board's trend reads these counts, never the figures.
     *
     * @return whether it rebuilt them
     */
    public static boolean ensureSchoolWeeks(org.gigaplan.plan.service.Database db, int target) {
        return db.transaction(c -> {
            List<int[]> kept = org.gigaplan.plan.service.Jdbc.list(c, "SELECT MIN(target), MAX(target), COUNT(*) "
                    + "FROM usage_school_week", r -> new int[] { r.getInt(1), r.getInt(2), r.getInt(3) });
            boolean empty = kept.get(0)[2] == 0;
            boolean figures = org.gigaplan.plan.service.Jdbc.first(c, "SELECT 1 FROM usage_week FETCH FIRST 1 ROWS ONLY",
                    r -> r.getInt(1)).isPresent();
            if (empty ? !figures : kept.get(0)[0] == target && kept.get(0)[1] == target) {
                return false;
            }
            org.gigaplan.plan.service.Jdbc.update(c, "DELETE FROM usage_school_week");
            try (PreparedStatement insert = c.prepareStatement(SCHOOL_WEEKS + SCHOOL_WEEKS_GROUP)) {
                insert.setInt(1, target);
                insert.setInt(2, target);
                insert.executeUpdate();
            }
            return true;
        });
    }

    /** The schools' weekly counts from the weekly figures: bind the target twice, then the WHERE's parameters. */
    private static final String SCHOOL_WEEKS = "INSERT INTO usage_school_week (school_id, fiscal_year, week, scene, "
            + "classes, classes_meeting, target, demo) SELECT school_id, MAX(fiscal_year), week, scene, COUNT(*), "
            + "SUM(CASE WHEN uses >= ? THEN 1 ELSE 0 END), ?, MAX(demo) FROM usage_week";

    private static final String SCHOOL_WEEKS_GROUP = " GROUP BY school_id, week, scene";
}
