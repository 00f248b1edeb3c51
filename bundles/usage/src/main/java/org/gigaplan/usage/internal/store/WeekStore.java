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
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.usage.internal.SchoolCalendar;
import org.gigaplan.usage.internal.SchoolCalendar.Period;


/**
 * The weekly roll-up per class, week and scene ({@code usage_week}) and what is kept beside it so that no view reads
 * it whole: each class's totals per kept period ({@code usage_class_period}), each school and grade's counts per
 * kept period and per week ({@code usage_school_period}) and each school's counts per week
 * ({@code usage_school_week}, what the trend reads). Check-ins
 * write the roll-up directly, events add the uses their {@link EventStore} slots count. Reads are
 * {@link WeekQueries}'.
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
     * What the kept counts are counted by: the uses a week at which a class meets a scene's target, and the calendar
     * whose periods (the year and its terms) totals are kept for.
     */
    public record Basis(int target, SchoolCalendar calendar) {

        /** The kept periods of a fiscal year that hold a week. */
        List<Period> periodsOf(int fiscalYear, LocalDate week) {
            return calendar.keptPeriods(FiscalYear.of(fiscalYear)).stream()
                    .filter(p -> !week.isBefore(p.firstWeek()) && !week.isAfter(p.lastWeek())).toList();
        }
    }

    /**
     * Recomputes, in the write's transaction, what is kept beside the weekly figures a write changed: the classes'
     * totals for each kept period holding a changed week, their school and grade's counts for those periods, and the
     * schools' weekly counts. Each is recounted from the layer below for the changed keys only, so it is correct
     * after any write, edit or removal and costs what the write touched.
     */
    public void refresh(Connection c, Collection<Cell> cells, Basis basis) throws SQLException {
        record ClassSpan(long classId, Period period) {
        }
        record GradeSpan(String schoolId, int grade, Period period) {
        }
        record SchoolWeek(String schoolId, LocalDate week) {
        }
        Set<ClassSpan> classPeriods = new LinkedHashSet<>();
        Set<GradeSpan> gradePeriods = new LinkedHashSet<>();
        Set<GradeSpan> gradeWeeks = new LinkedHashSet<>();
        Set<SchoolWeek> schoolWeeks = new LinkedHashSet<>();
        Set<List<Object>> seen = new HashSet<>();
        for (Cell cell : cells) {
            if (!seen.add(List.of(cell.classId(), cell.week()))) {
                continue;
            }
            schoolWeeks.add(new SchoolWeek(cell.schoolId(), cell.week()));
            gradeWeeks.add(new GradeSpan(cell.schoolId(), cell.grade(),
                    basis.calendar().week(FiscalYear.of(cell.fiscalYear()), cell.week())));
            for (Period p : basis.periodsOf(cell.fiscalYear(), cell.week())) {
                classPeriods.add(new ClassSpan(cell.classId(), p));
                gradePeriods.add(new GradeSpan(cell.schoolId(), cell.grade(), p));
            }
        }
        int target = basis.target();
        recount(c, "DELETE FROM usage_class_period WHERE class_id = ? AND first_week = ? AND last_week = ?",
                CLASS_PERIODS + " AND class_id = ?" + CLASS_PERIODS_GROUP, classPeriods, (delete, insert, k) -> {
                    delete.setLong(1, k.classId());
                    bindSpan(delete, 2, k.period());
                    insert.setLong(bindClassPeriods(insert, k.period()), k.classId());
                });
        String deleteGradeSpan = "DELETE FROM usage_school_period WHERE school_id = ? AND grade = ? AND first_week = ? "
                + "AND last_week = ?";
        recount(c, deleteGradeSpan, SCHOOL_PERIODS + " AND school_id = ? AND grade = ?" + SCHOOL_PERIODS_GROUP,
                gradePeriods, (delete, insert, k) -> {
                    bindGradeSpan(delete, 1, k.schoolId(), k.grade());
                    bindSpan(delete, 3, k.period());
                    bindGradeSpan(insert, bindSchoolPeriods(insert, k.period(), target), k.schoolId(), k.grade());
                });
        recount(c, deleteGradeSpan, GRADE_WEEKS + " WHERE school_id = ? AND grade = ? AND week = ?" + GRADE_WEEKS_GROUP,
                gradeWeeks, (delete, insert, k) -> {
                    bindGradeSpan(delete, 1, k.schoolId(), k.grade());
                    bindSpan(delete, 3, k.period());
                    insert.setInt(1, target);
                    insert.setInt(2, target);
                    bindGradeSpan(insert, 3, k.schoolId(), k.grade());
                    insert.setDate(5, Date.valueOf(k.period().firstWeek()));
                });
        recount(c, "DELETE FROM usage_school_week WHERE school_id = ? AND week = ?",
                SCHOOL_WEEKS + " WHERE school_id = ? AND week = ?" + SCHOOL_WEEKS_GROUP, schoolWeeks,
                (delete, insert, k) -> {
                    delete.setString(1, k.schoolId());
                    delete.setDate(2, Date.valueOf(k.week()));
                    insert.setInt(1, target);
                    insert.setInt(2, target);
                    insert.setString(3, k.schoolId());
                    insert.setDate(4, Date.valueOf(k.week()));
                });
    }

    /** Binds a key's parameters to the statements that delete and recount what is kept for it. */
    private interface Bind<K> {
        void bind(PreparedStatement delete, PreparedStatement insert, K key) throws SQLException;
    }

    /** For each key, deletes what is kept for it and inserts it recounted: one batch of each. */
    private static <K> void recount(Connection c, String delete, String insert, Collection<K> keys, Bind<K> bind)
            throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement d = c.prepareStatement(delete); PreparedStatement i = c.prepareStatement(insert)) {
            for (K key : keys) {
                bind.bind(d, i, key);
                d.addBatch();
                i.addBatch();
            }
            d.executeBatch();
            i.executeBatch();
        }
    }

    private static void bindGradeSpan(PreparedStatement s, int from, String schoolId, int grade) throws SQLException {
        s.setString(from, schoolId);
        s.setInt(from + 1, grade);
    }

    /** What {@link #ensureKept} recounted. */
    public record Recounted(boolean schoolWeeks, boolean periods) {
    }

    /**
     * Makes what is kept beside the weekly figures match them and the basis in force: each layer is recounted whole
     * when it was counted by another target or other terms, or never counted beside stored figures (figures stored
     * before it existed). Runs when the module starts; the board's views read these counts, never the figures.
     */
    public static Recounted ensureKept(Database db, Basis basis) {
        return db.transaction(c -> {
            boolean figures = Jdbc.first(c, "SELECT 1 FROM usage_week FETCH FIRST 1 ROWS ONLY", r -> r.getInt(1))
                    .isPresent();
            // The schools' weekly counts: one target throughout, and each with the time of its last figure.
            int[] weeks = Jdbc.list(c, "SELECT MIN(target), MAX(target), COUNT(*), COUNT(updated_at) "
                    + "FROM usage_school_week", r -> new int[] { r.getInt(1), r.getInt(2), r.getInt(3), r.getInt(4) }).get(0);
            boolean weeksStale = weeks[2] == 0 ? figures
                    : weeks[0] != basis.target() || weeks[1] != basis.target() || weeks[3] < weeks[2];
            if (weeksStale) {
                Jdbc.update(c, "DELETE FROM usage_school_week");
                try (PreparedStatement insert = c.prepareStatement(SCHOOL_WEEKS + SCHOOL_WEEKS_GROUP)) {
                    insert.setInt(1, basis.target());
                    insert.setInt(2, basis.target());
                    insert.executeUpdate();
                }
            }
            // The periods' totals and counts: every fiscal year with figures, only the calendar's periods, one target.
            List<Integer> years = Jdbc.list(c, "SELECT DISTINCT fiscal_year FROM usage_school_week", r -> r.getInt(1));
            List<Object[]> kept = Jdbc.list(c, "SELECT DISTINCT fiscal_year, first_week, last_week FROM usage_class_period",
                    r -> new Object[] { r.getInt(1), r.getDate(2).toLocalDate(), r.getDate(3).toLocalDate() });
            int[] targets = Jdbc.list(c, "SELECT MIN(target), MAX(target), COUNT(*) FROM usage_school_period",
                    r -> new int[] { r.getInt(1), r.getInt(2), r.getInt(3) }).get(0);
            Set<Integer> keptYears = new HashSet<>();
            boolean periodsStale = targets[2] > 0 && (targets[0] != basis.target() || targets[1] != basis.target());
            for (Object[] k : kept) {
                int fy = (Integer) k[0];
                keptYears.add(fy);
                periodsStale |= basis.calendar().keptPeriods(FiscalYear.of(fy)).stream()
                        .noneMatch(p -> p.firstWeek().equals(k[1]) && p.lastWeek().equals(k[2]));
            }
            periodsStale |= !keptYears.containsAll(years);
            if (periodsStale) {
                Jdbc.update(c, "DELETE FROM usage_class_period");
                Jdbc.update(c, "DELETE FROM usage_school_period");
                try (PreparedStatement classes = c.prepareStatement(CLASS_PERIODS + CLASS_PERIODS_GROUP);
                        PreparedStatement schools = c.prepareStatement(SCHOOL_PERIODS + SCHOOL_PERIODS_GROUP)) {
                    for (int fy : years) {
                        for (Period p : basis.calendar().keptPeriods(FiscalYear.of(fy))) {
                            bindClassPeriods(classes, p);
                            classes.executeUpdate();
                            bindSchoolPeriods(schools, p, basis.target());
                            schools.executeUpdate();
                        }
                    }
                }
                try (PreparedStatement gradeWeeks = c.prepareStatement(GRADE_WEEKS + GRADE_WEEKS_GROUP)) {
                    gradeWeeks.setInt(1, basis.target());
                    gradeWeeks.setInt(2, basis.target());
                    gradeWeeks.executeUpdate();
                }
            }
            return new Recounted(weeksStale, periodsStale);
        });
    }

    private static void bindSpan(PreparedStatement s, int from, Period p) throws SQLException {
        s.setDate(from, Date.valueOf(p.firstWeek()));
        s.setDate(from + 1, Date.valueOf(p.lastWeek()));
    }

    /**
     * The plan's rule for one class and scene, for the database to apply wherever it counts: its uses over
     * {@code weeks} weeks it reported reach the target's uses a week (bind the target once). A class's figure of one
     * week is {@code meets("1")}.
     */
    static String meets(String weeks) {
        return "uses >= CAST(? AS INT) * " + weeks;
    }

    /**
     * Per class and scene over a period: the weeks it reported and their uses summed, and the weeks classroom software
     * recorded uses in. Bind with
     * {@link #bindClassPeriods}, then any further condition's parameters.
     */
    private static final String CLASS_PERIODS = "INSERT INTO usage_class_period (class_id, fiscal_year, first_week, "
            + "last_week, scene, school_id, grade, weeks, uses, event_weeks, demo, updated_at) SELECT class_id, "
            + "fiscal_year, CAST(? AS DATE), CAST(? AS DATE), scene, school_id, grade, COUNT(*), SUM(uses), "
            + "SUM(CASE WHEN event_uses > 0 THEN 1 ELSE 0 END), MAX(demo), MAX(updated_at) "
            + "FROM usage_week WHERE week BETWEEN ? AND ?";

    private static final String CLASS_PERIODS_GROUP = " GROUP BY class_id, fiscal_year, scene, school_id, grade";

    private static int bindClassPeriods(PreparedStatement s, Period p) throws SQLException {
        bindSpan(s, 1, p);
        bindSpan(s, 3, p);
        return 5;
    }

    /**
     * Per school, grade and scene over a period: classes that reported and those whose uses, averaged over the weeks
     * each reported, reach the target; from the classes' period totals. Bind with {@link #bindSchoolPeriods}, then any
     * further condition's parameters.
     */
    private static final String SCHOOL_PERIODS = "INSERT INTO usage_school_period (school_id, grade, fiscal_year, "
            + "first_week, last_week, scene, classes, classes_meeting, target, demo, updated_at) SELECT school_id, grade, "
            + "fiscal_year, first_week, last_week, scene, COUNT(*), SUM(CASE WHEN " + meets("weeks") + " THEN 1 "
            + "ELSE 0 END), CAST(? AS SMALLINT), MAX(demo), MAX(updated_at) FROM usage_class_period "
            + "WHERE first_week = ? AND last_week = ?";

    private static final String SCHOOL_PERIODS_GROUP = " GROUP BY school_id, grade, fiscal_year, first_week, last_week, "
            + "scene";

    private static int bindSchoolPeriods(PreparedStatement s, Period p, int target) throws SQLException {
        s.setInt(1, target);
        s.setInt(2, target);
        bindSpan(s, 3, p);
        return 5;
    }

    /**
     * Per school, grade, week and scene: classes reporting and those at or above the target, kept as a period of one
     * week. Bind the target twice, then the WHERE's parameters.
     */
    private static final String GRADE_WEEKS = "INSERT INTO usage_school_period (school_id, grade, fiscal_year, "
            + "first_week, last_week, scene, classes, classes_meeting, target, demo, updated_at) SELECT school_id, grade, "
            + "fiscal_year, week, week, scene, COUNT(*), SUM(CASE WHEN " + meets("1") + " THEN 1 ELSE 0 END), "
            + "CAST(? AS SMALLINT), MAX(demo), MAX(updated_at) FROM usage_week";

    private static final String GRADE_WEEKS_GROUP = " GROUP BY school_id, grade, fiscal_year, week, scene";

    /** The schools' weekly counts from the weekly figures: bind the target twice, then the WHERE's parameters. */
    private static final String SCHOOL_WEEKS = "INSERT INTO usage_school_week (school_id, fiscal_year, week, scene, "
            + "classes, classes_meeting, target, demo, updated_at) SELECT school_id, MAX(fiscal_year), week, scene, "
            + "COUNT(*), SUM(CASE WHEN " + meets("1") + " THEN 1 ELSE 0 END), ?, MAX(demo), MAX(updated_at) FROM usage_week";

    private static final String SCHOOL_WEEKS_GROUP = " GROUP BY school_id, week, scene";
}
