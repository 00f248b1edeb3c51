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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.Set;

import org.gigaplan.plan.service.Database;
import org.gigaplan.usage.internal.WeeklyFigure;

/**
 * The weekly roll-up per class, week and scene ({@code usage_week}) and the raw events behind it. Check-ins write
 * the roll-up directly; each event adds a use to it the first time its class, scene and lesson slot is seen. Every
 * attainment view reads the roll-up only.
 */
public final class WeekStore {

    /** Where a weekly figure belongs. */
    public record Cell(long classId, String schoolId, int grade, int fiscalYear, LocalDate week, int scene) {
    }

    /** A raw event as stored. */
    public record EventRow(long classId, Instant occurredAt, int scene, String app, String device, String postedBy,
            boolean demo) {
    }

    /** One class's figures in one scene summed over the weeks of a period it reported in. */
    public record ClassTotal(long classId, String schoolId, int grade, int scene, int weeks, long uses,
            boolean demo, Instant updatedAt) {

        public double weeklyAverage() {
            return weeks == 0 ? 0 : (double) uses / weeks;
        }
    }

    /** For one week, school and scene: classes that reported and those at or above the target. */
    public record WeekCount(LocalDate week, String schoolId, int scene, int classes, int classesMeeting,
            boolean demo) {
    }

    private final Database db;

    public WeekStore(Database db) {
        this.db = db;
    }

    /** A check-in for one cell: uses (the count, or the answer's weekly equivalent) and the answer if any. */
    public record CheckInCell(Cell cell, int uses, String answer) {
    }

    /** A class's lesson slot in a scene: the unit events are counted in. */
    public record Slot(long classId, int scene, Instant start) {
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

    /** Stores raw events as posted. */
    public void insertEvents(Connection c, List<EventRow> events, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO usage_event (class_id, occurred_at, scene, app, device, "
                + "received_at, posted_by, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (EventRow e : events) {
                s.setLong(1, e.classId());
                s.setTimestamp(2, Timestamp.from(e.occurredAt()));
                s.setInt(3, e.scene());
                s.setString(4, e.app());
                s.setString(5, e.device());
                s.setTimestamp(6, Timestamp.from(now));
                s.setString(7, e.postedBy());
                s.setInt(8, e.demo() ? 1 : 0);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Marks lesson slots as used.
     *
     * @return those not marked before: each is a new use
     */
    public Set<Slot> markSlots(Connection c, Set<Slot> slots) throws SQLException {
        if (slots.isEmpty()) {
            return Set.of();
        }
        // Look before inserting (on PostgreSQL a failed insert aborts the whole transaction): one query over the
        // batch's classes and time span, not one per slot.
        Set<Slot> known = new HashSet<>();
        Instant from = slots.stream().map(Slot::start).min(Instant::compareTo).orElseThrow();
        Instant to = slots.stream().map(Slot::start).max(Instant::compareTo).orElseThrow();
        List<Long> classIds = slots.stream().map(Slot::classId).distinct().sorted().toList();
        for (int i = 0; i < classIds.size(); i += 500) {
            List<Long> part = classIds.subList(i, Math.min(classIds.size(), i + 500));
            String in = String.join(",", part.stream().map(String::valueOf).toList());
            try (PreparedStatement s = c.prepareStatement("SELECT class_id, scene, slot FROM usage_event_slot "
                    + "WHERE class_id IN (" + in + ") AND slot BETWEEN ? AND ?")) {
                s.setTimestamp(1, Timestamp.from(from));
                s.setTimestamp(2, Timestamp.from(to));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        known.add(new Slot(r.getLong(1), r.getInt(2), r.getTimestamp(3).toInstant()));
                    }
                }
            }
        }
        Set<Slot> fresh = new LinkedHashSet<>(slots);
        fresh.removeAll(known);
        if (!fresh.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO usage_event_slot (class_id, scene, slot) VALUES (?, ?, ?)")) {
                for (Slot slot : fresh) {
                    s.setLong(1, slot.classId());
                    s.setInt(2, slot.scene());
                    s.setTimestamp(3, Timestamp.from(slot.start()));
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        return fresh;
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
     * Per school, the classes whose classroom software reported any use in a fiscal year, and those of them whose
     * software reported a use in one of {@code scenes}: {school id → [classes with events, classes in the scenes, 1
     * when any of it is demo data]}.
     */
    public Map<String, int[]> eventClasses(int fiscalYear, Set<Integer> scenes) {
        return db.transaction(c -> {
            Map<String, int[]> out = new TreeMap<>();
            String in = String.join(", ", scenes.stream().map(n -> "?").toList());
            try (PreparedStatement s = c.prepareStatement("SELECT school_id, COUNT(DISTINCT class_id), "
                    + "COUNT(DISTINCT CASE WHEN scene IN (" + in + ") THEN class_id END), MAX(demo) FROM usage_week "
                    + "WHERE fiscal_year = ? AND event_uses > 0 GROUP BY school_id")) {
                int i = 1;
                for (int scene : scenes) {
                    s.setInt(i++, scene);
                }
                s.setInt(i, fiscalYear);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), new int[] { r.getInt(2), r.getInt(3), r.getInt(4) });
                    }
                }
            }
            return out;
        });
    }

    /** Per class and scene, the weeks reported and uses summed over a whole fiscal year, from its totals. */
    public List<ClassTotal> yearTotals(int fiscalYear, String schoolId) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT class_id, school_id, grade, scene, weeks, uses, demo, "
                    + "updated_at FROM usage_class_year WHERE fiscal_year = ?" + (schoolId == null ? "" : " AND school_id = ?"))) {
                s.setInt(1, fiscalYear);
                if (schoolId != null) {
                    s.setString(2, schoolId);
                }
                return totals(s);
            }
        });
    }

    private static List<ClassTotal> totals(PreparedStatement s) throws SQLException {
        List<ClassTotal> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new ClassTotal(r.getLong(1), r.getString(2), r.getInt(3), r.getInt(4), r.getInt(5),
                        r.getLong(6), r.getInt(7) > 0, r.getTimestamp(8).toInstant()));
            }
        }
        return out;
    }

    /** Per class and scene, the weeks reported and uses summed over [from, to] (Mondays) of a fiscal year. */
    public List<ClassTotal> classTotals(int fiscalYear, LocalDate from, LocalDate to, String schoolId) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT class_id, school_id, grade, scene, COUNT(*), SUM(uses), "
                    + "MAX(demo), MAX(updated_at) FROM usage_week WHERE fiscal_year = ? AND week BETWEEN ? AND ?"
                    + (schoolId == null ? "" : " AND school_id = ?")
                    + " GROUP BY class_id, school_id, grade, scene")) {
                s.setInt(1, fiscalYear);
                s.setDate(2, Date.valueOf(from));
                s.setDate(3, Date.valueOf(to));
                if (schoolId != null) {
                    s.setString(4, schoolId);
                }
                return totals(s);
            }
        });
    }

    /** Per week, school and scene of a fiscal year: classes reporting and classes at or above {@code target}. */
    public List<WeekCount> weekCounts(int fiscalYear, int target, String schoolId) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT week, school_id, scene, COUNT(*), "
                    + "SUM(CASE WHEN uses >= ? THEN 1 ELSE 0 END), MAX(demo) FROM usage_week WHERE fiscal_year = ?"
                    + (schoolId == null ? "" : " AND school_id = ?")
                    + " GROUP BY week, school_id, scene ORDER BY week")) {
                s.setInt(1, target);
                s.setInt(2, fiscalYear);
                if (schoolId != null) {
                    s.setString(3, schoolId);
                }
                List<WeekCount> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new WeekCount(r.getDate(1).toLocalDate(), r.getString(2), r.getInt(3), r.getInt(4),
                                r.getInt(5), r.getInt(6) > 0));
                    }
                }
                return out;
            }
        });
    }

    /** Ids of the classes with any record for a week. */
    public List<Long> classesReporting(LocalDate week) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT class_id FROM usage_week WHERE week = ?")) {
                s.setDate(1, Date.valueOf(week));
                List<Long> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getLong(1));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Stored weekly figures of a fiscal year, by school, grade, class, week and scene; of one school when
     * {@code schoolId} is not null, of one week when {@code week} is not null.
     */
    public List<WeeklyFigure> figures(int fiscalYear, String schoolId, LocalDate week, int offset, int limit) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(figureQuery(FIGURE_COLUMNS, schoolId, week)
                    + " ORDER BY " + FIGURE_ORDER + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                int i = bindFigureQuery(s, fiscalYear, schoolId, week);
                s.setInt(i++, offset);
                s.setInt(i, limit);
                return figures(s);
            }
        });
    }

    /**
     * The next {@code limit} figures of a fiscal year after {@code after} (from the first when null), in the order of
     * {@link #figures}: an export reading chunk after chunk neither repeats nor skips a figure when check-ins arrive
     * meanwhile, as paging by offset would.
     */
    public List<WeeklyFigure> figuresAfter(int fiscalYear, String schoolId, WeeklyFigure after, int limit) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(figureQuery(FIGURE_COLUMNS, schoolId, null)
                    + (after == null ? "" : " AND (w.school_id > ? OR (w.school_id = ? AND (w.grade > ? OR (w.grade = ? "
                            + "AND (k.name > ? OR (k.name = ? AND (w.week > ? OR (w.week = ? AND w.scene > ?))))))))")
                    + " ORDER BY " + FIGURE_ORDER + " FETCH FIRST ? ROWS ONLY")) {
                int i = bindFigureQuery(s, fiscalYear, schoolId, null);
                if (after != null) {
                    s.setString(i++, after.schoolId());
                    s.setString(i++, after.schoolId());
                    s.setInt(i++, after.grade());
                    s.setInt(i++, after.grade());
                    s.setString(i++, after.className());
                    s.setString(i++, after.className());
                    s.setDate(i++, Date.valueOf(after.week()));
                    s.setDate(i++, Date.valueOf(after.week()));
                    s.setInt(i++, after.scene());
                }
                s.setInt(i, limit);
                return figures(s);
            }
        });
    }

    private static final String FIGURE_COLUMNS = "w.school_id, w.grade, k.name, w.week, w.scene, w.checkin_uses, "
            + "w.checkin_answer, w.event_uses, w.uses, w.demo";
    /** A figure's identity: its class (school, grade, name), week and scene. */
    private static final String FIGURE_ORDER = "w.school_id, w.grade, k.name, w.week, w.scene";

    private static List<WeeklyFigure> figures(PreparedStatement s) throws SQLException {
        List<WeeklyFigure> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                int checkin = r.getInt(6);
                Integer checkinUses = r.wasNull() ? null : checkin;
                out.add(new WeeklyFigure(r.getString(1), r.getInt(2), r.getString(3), r.getDate(4).toLocalDate(),
                        r.getInt(5), checkinUses, r.getString(7), r.getInt(8), r.getInt(9), r.getInt(10) > 0));
            }
        }
        return out;
    }

    public long countFigures(int fiscalYear, String schoolId, LocalDate week) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(figureQuery("COUNT(*)", schoolId, week))) {
                bindFigureQuery(s, fiscalYear, schoolId, week);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    private static String figureQuery(String select, String schoolId, LocalDate week) {
        return "SELECT " + select + " FROM usage_week w JOIN usage_class k ON k.id = w.class_id WHERE w.fiscal_year = ?"
                + (schoolId == null ? "" : " AND w.school_id = ?") + (week == null ? "" : " AND w.week = ?");
    }

    private static int bindFigureQuery(PreparedStatement s, int fiscalYear, String schoolId, LocalDate week)
            throws SQLException {
        int i = 1;
        s.setInt(i++, fiscalYear);
        if (schoolId != null) {
            s.setString(i++, schoolId);
        }
        if (week != null) {
            s.setDate(i++, Date.valueOf(week));
        }
        return i;
    }
}
