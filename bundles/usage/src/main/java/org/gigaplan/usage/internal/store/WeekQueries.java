package org.gigaplan.usage.internal.store;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.Set;

import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.usage.internal.WeeklyFigure;

/**
 * What every policy-1 view reads: the weekly roll-up and the year totals summed per class, counted per week, listed
 * as figures. Views never read raw events.
 */
public final class WeekQueries {

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

    public WeekQueries(Database db) {
        this.db = db;
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

    /**
     * Per week, school and scene of a fiscal year: classes reporting and classes at or above the target in force, as
     * kept beside the weekly figures ({@code usage_school_week}).
     */
    public List<WeekCount> weekCounts(int fiscalYear, String schoolId) {
        return db.transaction(c -> Jdbc.list(c, "SELECT week, school_id, scene, classes, classes_meeting, demo "
                + "FROM usage_school_week WHERE fiscal_year = ?" + (schoolId == null ? "" : " AND school_id = ?")
                + " ORDER BY week", r -> new WeekCount(r.getDate(1).toLocalDate(), r.getString(2), r.getInt(3),
                        r.getInt(4), r.getInt(5), r.getInt(6) > 0),
                schoolId == null ? List.of(fiscalYear) : List.of(fiscalYear, schoolId)));
    }

    /** Ids of the classes with any record for a week. */
    public List<Long> classesReporting(LocalDate week) {
        return db.transaction(c -> {
            return Jdbc.list(c, "SELECT DISTINCT class_id FROM usage_week WHERE week = ?",
                    r -> r.getLong(1), week);
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
