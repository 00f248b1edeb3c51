package ${package}.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.SchoolService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * ${moduleClass} records per school: written by the school's staff, counted for the plan. Its tables are its own
 * (prefix {@code ${moduleId}_}), made by its Liquibase changelog on Derby or PostgreSQL when it starts.
 */
@Component(service = ${moduleClass}Service.class)
public class ${moduleClass}Service {

    /** The module's id: its REST path segment, table prefix, console scope and dashboard folder. */
    public static final String MODULE_ID = "${moduleId}";

    private final Database db;
    private final PlanClock clock;
    private final SchoolService schools;

    @Activate
    public ${moduleClass}Service(@Reference Database db, @Reference PlanClock clock, @Reference SchoolService schools) {
        this.db = db;
        this.clock = clock;
        this.schools = schools;
        db.migrate("db/" + MODULE_ID + "/changelog.xml", getClass().getClassLoader());
    }

    /** What a school records: the day, what it was, how many lesson hours. */
    public record Input(LocalDate day, String title, Integer hours) {
    }

    /** Records one for a school; refused (400, each field named) when a field is wrong. */
    public ${moduleClass}Record record(String schoolId, Input in, String by, boolean demo) {
        FieldChecks check = new FieldChecks();
        if (in == null) {
            throw new InvalidInputException("body", "a record: {\"day\":\"2025-06-02\",\"title\":\"…\",\"hours\":1}");
        }
        if (schools.find(schoolId).isEmpty()) {
            check.add("schoolId", "no school " + schoolId, "学校 " + schoolId + " はありません");
        }
        if (in.day() == null) {
            check.add("day", "required: the day it happened", "実施日を入力してください");
        } else if (in.day().isAfter(clock.today())) {
            check.add("day", "not after today (" + clock.today() + ")", "今日より後の日付は記録できません");
        }
        String title = in.title() == null ? "" : in.title().strip();
        if (title.isEmpty() || title.length() > 200) {
            check.add("title", "1 to 200 characters", "1〜200文字で入力してください");
        }
        if (in.hours() == null || in.hours() < 1 || in.hours() > 20) {
            check.add("hours", "1 to 20 lesson hours", "1〜20時間で入力してください");
        }
        check.throwIfAny();
        java.time.Instant now = clock.now();
        long id = db.transaction(c -> Jdbc.insert(c, "INSERT INTO " + MODULE_ID + "_record (school_id, day, title, "
                + "hours, recorded_by, recorded_at, demo) VALUES (?, ?, ?, ?, ?, ?, ?)", schoolId, in.day(), title,
                in.hours(), by, now, demo ? 1 : 0));
        return new ${moduleClass}Record(id, schoolId, in.day(), title, in.hours(), by, now, demo);
    }

    /** A school's records in a fiscal year, newest first; every school's when {@code schoolId} is null. */
    public List<${moduleClass}Record> records(String schoolId, FiscalYear fy) {
        return db.transaction(c -> schoolId == null
                ? Jdbc.list(c, "SELECT " + COLUMNS + " FROM " + MODULE_ID + "_record WHERE day >= ? AND day <= ? "
                        + "ORDER BY day DESC, id DESC", ${moduleClass}Service::read, fy.start(), fy.end())
                : Jdbc.list(c, "SELECT " + COLUMNS + " FROM " + MODULE_ID + "_record WHERE school_id = ? AND day >= ? "
                        + "AND day <= ? ORDER BY day DESC, id DESC", ${moduleClass}Service::read, schoolId, fy.start(),
                        fy.end()));
    }

    /** How many of the schools recorded at least once in a fiscal year, of how many, and whether any was demo. */
    public record Share(int recording, int schools, boolean demo) {

        /** The share in percent, null without schools. */
        public Double percent() {
            return schools == 0 ? null : org.gigaplan.plan.spi.Percent.of(recording, schools);
        }
    }

    /** The share of schools (one school, or the city's: null) that recorded at least once in a fiscal year. */
    public Share share(String schoolId, FiscalYear fy) {
        int total = schoolId == null ? schools.all().size() : 1;
        // Counted by the database: a view never loads every record to count them.
        String where = " WHERE day >= ? AND day <= ?" + (schoolId == null ? "" : " AND school_id = ?");
        Object[] args = schoolId == null ? new Object[] { fy.start(), fy.end() }
                : new Object[] { fy.start(), fy.end(), schoolId };
        return db.transaction(c -> Jdbc.first(c, "SELECT COUNT(DISTINCT school_id), MAX(demo) FROM " + MODULE_ID
                + "_record" + where, r -> new Share(r.getInt(1), total, r.getInt(2) == 1), args)).orElseThrow();
    }

    public PlanClock clock() {
        return clock;
    }

    private static final String COLUMNS = "id, school_id, day, title, hours, recorded_by, recorded_at, demo";

    private static ${moduleClass}Record read(ResultSet r) throws SQLException {
        return new ${moduleClass}Record(r.getLong(1), r.getString(2), r.getDate(3).toLocalDate(), r.getString(4),
                r.getInt(5), r.getString(6), r.getTimestamp(7).toInstant(), r.getInt(8) == 1);
    }
}
