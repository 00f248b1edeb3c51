package org.gigaplan.usage.internal.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
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
import org.gigaplan.usage.internal.store.WeekStore.Cell;

/**
 * What is kept beside the weekly figures ({@link WeekStore}) so that no view reads them whole: each class's totals
 * per kept period ({@code usage_class_period}), each school and grade's counts per kept period and per week
 * ({@code usage_school_period}), each school's counts per week ({@code usage_school_week}, what a school's trend
 * reads) and the city's ({@link CityWeeks}).
 * Recounted in every write's transaction for what the write touched, and whole when the module starts with another
 * target or other terms. Reads are {@link WeekQueries}'.
 */
public final class KeptCounts {

    private KeptCounts() {
    }

    /**
     * What the kept counts are counted by: the uses a week at which a class meets a scene's target, the share of its
     * reporting classes (%) at which a school does, and the calendar whose periods (the year and its terms) totals
     * are kept for.
     */
    public record Basis(int target, int share, SchoolCalendar calendar) {

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
    public static void refresh(Connection c, Collection<Cell> cells, Basis basis) throws SQLException {
        record ClassSpan(long classId, Period period) {
        }
        record GradeSpan(String schoolId, int grade, Period period) {
        }
        Set<ClassSpan> classPeriods = new LinkedHashSet<>();
        Set<GradeSpan> gradePeriods = new LinkedHashSet<>();
        Set<CityWeeks.SchoolWeek> schoolWeeks = new LinkedHashSet<>();
        Set<List<Object>> seen = new HashSet<>();
        for (Cell cell : cells) {
            if (!seen.add(List.of(cell.classId(), cell.week()))) {
                continue;
            }
            schoolWeeks.add(new CityWeeks.SchoolWeek(cell.schoolId(), cell.week()));
            for (Period p : basis.periodsOf(cell.fiscalYear(), cell.week())) {
                classPeriods.add(new ClassSpan(cell.classId(), p));
                gradePeriods.add(new GradeSpan(cell.schoolId(), cell.grade(), p));
            }
        }
        int target = basis.target();
        Map<CityWeeks.At, CityWeeks.Counts> before = CityWeeks.read(c, schoolWeeks);
        recount(c, "DELETE FROM usage_class_period WHERE class_id = ? AND first_week = ? AND last_week = ?",
                CLASS_PERIODS + WeekStore.BY_CLASS + CLASS_PERIODS_WHERE + " AND class_id = ?"
                + CLASS_PERIODS_GROUP, classPeriods, (delete, insert, k) -> {
                    delete.setLong(1, k.classId());
                    bindSpan(delete, 2, k.period());
                    insert.setLong(bindClassPeriods(insert, k.period()), k.classId());
                });
        recount(c, "DELETE FROM usage_school_period WHERE school_id = ? AND grade = ? AND first_week = ? "
                + "AND last_week = ?", SCHOOL_PERIODS + " AND school_id = ? AND grade = ?" + SCHOOL_PERIODS_GROUP,
                gradePeriods, (delete, insert, k) -> {
                    bindGradeSpan(delete, 1, k.schoolId(), k.grade());
                    bindSpan(delete, 3, k.period());
                    bindGradeSpan(insert, bindSchoolPeriods(insert, k.period(), target), k.schoolId(), k.grade());
                });
        // A school's week: every grade's counts from the week's figures in one read, then the school's from those.
        recount(c, "DELETE FROM usage_school_period WHERE school_id = ? AND first_week = ? AND last_week = ?",
                GRADE_WEEKS + WeekStore.BY_WEEK + "WHERE school_id = ? AND week = ?" + GRADE_WEEKS_GROUP, schoolWeeks,
                (delete, insert, k) -> {
                    delete.setString(1, k.schoolId());
                    delete.setDate(2, Date.valueOf(k.week()));
                    delete.setDate(3, Date.valueOf(k.week()));
                    insert.setInt(1, target);
                    insert.setInt(2, target);
                    insert.setString(3, k.schoolId());
                    insert.setDate(4, Date.valueOf(k.week()));
                });
        recount(c, "DELETE FROM usage_school_week WHERE school_id = ? AND week = ?", SCHOOL_WEEKS_FROM_GRADES,
                schoolWeeks, (delete, insert, k) -> {
                    delete.setString(1, k.schoolId());
                    delete.setDate(2, Date.valueOf(k.week()));
                    insert.setInt(1, target);
                    insert.setString(2, k.schoolId());
                    insert.setDate(3, Date.valueOf(k.week()));
                    insert.setDate(4, Date.valueOf(k.week()));
                });
        CityWeeks.add(c, before, CityWeeks.read(c, schoolWeeks), basis);
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
    public record Recounted(boolean schoolWeeks, boolean periods, boolean city) {
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
                try (PreparedStatement classes = c.prepareStatement(CLASS_PERIODS + "usage_week"
                        + CLASS_PERIODS_WHERE + CLASS_PERIODS_GROUP);
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
                try (PreparedStatement gradeWeeks = c.prepareStatement(GRADE_WEEKS + "usage_week" + GRADE_WEEKS_GROUP)) {
                    gradeWeeks.setInt(1, basis.target());
                    gradeWeeks.setInt(2, basis.target());
                    gradeWeeks.executeUpdate();
                }
            }
            boolean cityStale = weeksStale || CityWeeks.stale(c, basis);
            if (cityStale) {
                CityWeeks.recount(c, basis);
            }
            return new Recounted(weeksStale, periodsStale, cityStale);
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

    /** {@link #meets(String)} for totals already read: {@code uses} over {@code weeks} reported weeks reach the target. */
    static boolean meets(long uses, long weeks, int target) {
        return uses >= (long) target * weeks;
    }

    /** The plan's rule for a school and scene: at least {@code share} % of its reporting classes meet the target. */
    public static boolean schoolMeets(int classes, int classesMeeting, int share) {
        return classes > 0 && classesMeeting * 100L >= (long) share * classes;
    }

    /**
     * Per class and scene over a period: the weeks it reported and their uses summed, and the weeks classroom software
     * recorded uses in. Ends at FROM: the table follows ({@code usage_week}, or {@link WeekStore#BY_CLASS} for one
     * class's), then {@link #CLASS_PERIODS_WHERE}. Bind with {@link #bindClassPeriods}, then any further condition's
     * parameters.
     */
    private static final String CLASS_PERIODS = "INSERT INTO usage_class_period (class_id, fiscal_year, first_week, "
            + "last_week, scene, school_id, grade, weeks, uses, event_weeks, demo, updated_at) SELECT class_id, "
            + "fiscal_year, CAST(? AS DATE), CAST(? AS DATE), scene, school_id, grade, COUNT(*), SUM(uses), "
            + "SUM(CASE WHEN event_uses > 0 THEN 1 ELSE 0 END), MAX(demo), MAX(updated_at) "
            + "FROM ";

    /** The weeks of {@link #CLASS_PERIODS}' period, after the table. */
    private static final String CLASS_PERIODS_WHERE = " WHERE week BETWEEN ? AND ?";

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
     * week. Ends at FROM: the table follows ({@code usage_week}, or {@link WeekStore#BY_WEEK} for one school's week).
     * Bind the target twice, then the WHERE's parameters.
     */
    private static final String GRADE_WEEKS = "INSERT INTO usage_school_period (school_id, grade, fiscal_year, "
            + "first_week, last_week, scene, classes, classes_meeting, target, demo, updated_at) SELECT school_id, grade, "
            + "fiscal_year, week, week, scene, COUNT(*), SUM(CASE WHEN " + meets("1") + " THEN 1 ELSE 0 END), "
            + "CAST(? AS SMALLINT), MAX(demo), MAX(updated_at) FROM ";

    private static final String GRADE_WEEKS_GROUP = " GROUP BY school_id, grade, fiscal_year, week, scene";

    /** The schools' weekly counts from the weekly figures: bind the target twice, then the WHERE's parameters. */
    private static final String SCHOOL_WEEKS = "INSERT INTO usage_school_week (school_id, fiscal_year, week, scene, "
            + "classes, classes_meeting, target, demo, updated_at) SELECT school_id, MAX(fiscal_year), week, scene, "
            + "COUNT(*), SUM(CASE WHEN " + meets("1") + " THEN 1 ELSE 0 END), ?, MAX(demo), MAX(updated_at) FROM usage_week";

    private static final String SCHOOL_WEEKS_GROUP = " GROUP BY school_id, week, scene";

    /**
     * A school's weekly counts summed from its grades' ({@link #GRADE_WEEKS}, kept as periods of one week): the same
     * figures as {@link #SCHOOL_WEEKS} reads from every class's, from a few rows. Bind the target, the school and the
     * week twice.
     */
    private static final String SCHOOL_WEEKS_FROM_GRADES = "INSERT INTO usage_school_week (school_id, fiscal_year, "
            + "week, scene, classes, classes_meeting, target, demo, updated_at) SELECT school_id, MAX(fiscal_year), "
            + "first_week, scene, SUM(classes), SUM(classes_meeting), ?, MAX(demo), MAX(updated_at) "
            + "FROM usage_school_period WHERE school_id = ? AND first_week = ? AND last_week = ? "
            + "GROUP BY school_id, first_week, scene";
}
