package org.gigaplan.usage.internal.store;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.Set;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.usage.internal.SchoolCalendar.Period;
import org.gigaplan.usage.internal.WeeklyFigure;

/**
 * What every policy-1 view reads: the weekly roll-up and the year totals summed per class, counted per week, listed
 * as figures. Views never read raw events.
 */
public final class WeekQueries {

    /**
     * Classes that reported and classes at or above the target in one scene: of one class ({@code classId} not 0,
     * {@code classes} 1), of a school's grade ({@code grade} not 0) or of a whole school.
     */
    public record Count(String schoolId, int grade, long classId, int scene, int classes, int classesMeeting,
            boolean demo, Instant updatedAt) {
    }


    /** A school's count in one week. */
    public record WeekCount(LocalDate week, Count count) {
    }


    private final Database db;

    public WeekQueries(Database db) {
        this.db = db;
    }

    /**
     * Per school, the classes whose classroom software reported any use in a fiscal year, and those of them whose
     * software reported a use in one of {@code scenes}: {school id → [classes with events, classes in the scenes, 1
     * when any of it is demo data]}.
     */
    public Map<String, int[]> eventClasses(Period year, Set<Integer> scenes) {
        return db.transaction(c -> {
            Map<String, int[]> out = new TreeMap<>();
            List<Object> parameters = new ArrayList<>(scenes);
            parameters.addAll(List.of(year.firstWeek(), year.lastWeek()));
            // From the classes' totals kept for the year: the weeks their software recorded uses in.
            for (Object[] row : Jdbc.list(c, "SELECT school_id, COUNT(DISTINCT class_id), COUNT(DISTINCT CASE WHEN "
                    + "scene IN (" + Jdbc.marks(scenes.size()) + ") THEN class_id END), MAX(demo) "
                    + "FROM usage_class_period WHERE first_week = ? AND last_week = ? AND event_weeks > 0 "
                    + "GROUP BY school_id", r -> new Object[] { r.getString(1), new int[] { r.getInt(2), r.getInt(3),
                            r.getInt(4) } }, parameters)) {
                out.put((String) row[0], (int[]) row[1]);
            }
            return out;
        });
    }

    /**
     * Per school, grade and scene over a kept period (the year, a term) or a week, as kept beside the weekly figures.
     */
    public List<Count> periodCounts(Period period, String schoolId) {
        return db.transaction(c -> Jdbc.list(c, "SELECT school_id, grade, scene, classes, classes_meeting, demo, "
                + "updated_at FROM usage_school_period WHERE first_week = ? AND last_week = ?" + andSchool(schoolId),
                r -> new Count(r.getString(1), r.getInt(2), 0, r.getInt(3), r.getInt(4), r.getInt(5), r.getInt(6) > 0,
                        r.getTimestamp(7).toInstant()),
                params(schoolId, period.firstWeek(), period.lastWeek())));
    }

    /**
     * Per class and scene over a kept period: whether its uses, averaged over the weeks it reported, reach
     * {@code target}.
     */
    public List<Count> classPeriodCounts(Period period, String schoolId, int target) {
        List<Object> params = new ArrayList<>(List.of(target));
        params.addAll(params(schoolId, period.firstWeek(), period.lastWeek()));
        return db.transaction(c -> Jdbc.list(c, CLASS_COUNT + KeptCounts.meets("weeks") + CLASS_COUNT_END
                + "usage_class_period WHERE first_week = ? AND last_week = ?" + andSchool(schoolId), WeekQueries::classCount,
                params));
    }

    /** Per class of a school and scene in one week: whether its uses reach {@code target}. */
    public List<Count> classWeekCounts(LocalDate week, String schoolId, int target) {
        return db.transaction(c -> Jdbc.list(c, CLASS_COUNT + KeptCounts.meets("1") + CLASS_COUNT_END
                + WeekStore.BY_WEEK + "WHERE school_id = ? AND week = ?", WeekQueries::classCount, target, schoolId, week));
    }

    /** A class's count: it reported, and whether it meets the target by {@link KeptCounts#meets}; then the table. */
    private static final String CLASS_COUNT = "SELECT school_id, grade, class_id, scene, CASE WHEN ";

    private static final String CLASS_COUNT_END = " THEN 1 ELSE 0 END, demo, updated_at FROM ";

    private static Count classCount(ResultSet r) throws SQLException {
        return new Count(r.getString(1), r.getInt(2), r.getLong(3), r.getInt(4), 1, r.getInt(5), r.getInt(6) > 0,
                r.getTimestamp(7).toInstant());
    }

    /** Per school and scene in one week, as kept beside the weekly figures. */
    public List<Count> schoolWeekCounts(LocalDate week, String schoolId) {
        return db.transaction(c -> Jdbc.list(c, "SELECT school_id, scene, classes, classes_meeting, demo, updated_at "
                + "FROM usage_school_week WHERE week = ?" + andSchool(schoolId),
                r -> new Count(r.getString(1), 0, 0, r.getInt(2), r.getInt(3), r.getInt(4), r.getInt(5) > 0,
                        r.getTimestamp(6).toInstant()),
                params(schoolId, week)));
    }

    /**
     * Per week, school and scene of a fiscal year: classes reporting and classes at or above the target in force, as
     * kept beside the weekly figures ({@code usage_school_week}).
     */
    public List<WeekCount> weekCounts(int fiscalYear, String schoolId) {
        return db.transaction(c -> Jdbc.list(c, "SELECT week, school_id, scene, classes, classes_meeting, demo "
                + "FROM usage_school_week WHERE fiscal_year = ?" + andSchool(schoolId) + " ORDER BY week",
                r -> new WeekCount(r.getDate(1).toLocalDate(), new Count(r.getString(2), 0, 0, r.getInt(3), r.getInt(4),
                        r.getInt(5), r.getInt(6) > 0, null)),
                params(schoolId, fiscalYear)));
    }

    /** One week and scene of the city: sums over schools, {@code demo} when any of them is demo data. */
    public record WeekTotal(LocalDate week, int scene, int classes, int classesMeeting, int schools, int schoolsMeeting,
            boolean demo) {
    }


    /**
     * Per week and scene of a fiscal year, over every school but {@code without}: classes reporting, classes at or
     * above the target, schools reporting and schools meeting the school rule for {@code share} % of their classes
     * (the share the city's kept counts are counted by). Reads the city's kept rows ({@link CityWeeks}) and the
     * schools left out, never every school's weeks: the city's trend.
     */
    public List<WeekTotal> cityWeekTotals(int fiscalYear, Collection<String> without, int share) {
        return db.transaction(c -> CityWeeks.totals(c, fiscalYear, without, share));
    }

    private static String andSchool(String schoolId) {
        return schoolId == null ? "" : " AND school_id = ?";
    }

    /** The query's parameters, then the school's when there is one. */
    private static List<Object> params(String schoolId, Object... first) {
        List<Object> out = new ArrayList<>(List.of(first));
        if (schoolId != null) {
            out.add(schoolId);
        }
        return out;
    }

    /** Ids of the classes with any record for a week. */
    public List<Long> classesReporting(LocalDate week) {
        return db.transaction(c -> Jdbc.list(c, "SELECT DISTINCT class_id FROM " + WeekStore.BY_WEEK + "WHERE week = ?",
                r -> r.getLong(1), week));
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

    /**
     * A fiscal year's figures, of a school or a week: the weeks of the year as a range (a class's by its primary key,
     * the city's by the week index), a school's through its classes.
     */
    private static String figureQuery(String select, String schoolId, LocalDate week) {
        return "SELECT " + select + " FROM usage_week w JOIN usage_class k ON k.id = w.class_id WHERE w.week BETWEEN ? "
                + "AND ?" + (schoolId == null ? "" : " AND k.school_id = ?") + (week == null ? "" : " AND w.week = ?");
    }

    private static int bindFigureQuery(PreparedStatement s, int fiscalYear, String schoolId, LocalDate week)
            throws SQLException {
        int i = 1;
        s.setDate(i++, Date.valueOf(FiscalYear.of(fiscalYear).start()));
        s.setDate(i++, Date.valueOf(FiscalYear.of(fiscalYear).end()));
        if (schoolId != null) {
            s.setString(i++, schoolId);
        }
        if (week != null) {
            s.setDate(i++, Date.valueOf(week));
        }
        return i;
    }
}
