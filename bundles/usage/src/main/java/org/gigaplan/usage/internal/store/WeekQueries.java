package org.gigaplan.usage.internal.store;

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

import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.usage.internal.SchoolCalendar.Period;

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

    static String andSchool(String schoolId) {
        return schoolId == null ? "" : " AND school_id = ?";
    }

    /** The query's parameters, then the school's when there is one. */
    static List<Object> params(String schoolId, Object... first) {
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
}
