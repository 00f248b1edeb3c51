package org.gigaplan.examples.programming.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.SchoolService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Programming lessons per class: recorded by the school's staff, counted for the plan as the share of classes that
 * had at least {@link ProgrammingConfig#minimumLessons()} of them in the term. Its table is its own
 * ({@code programming_lesson}), made by its Liquibase changelog on Derby or PostgreSQL when it starts.
 */
@Component(service = ProgrammingService.class, configurationPid = ProgrammingConfig.PID)
@Designate(ocd = ProgrammingConfig.class)
public class ProgrammingService {

    /** The module's id: its REST path segment, table prefix, console scope and dashboard folder. */
    public static final String MODULE_ID = "programming";

    private final Database db;
    private final PlanClock clock;
    private final SchoolService schools;
    private final int minimumLessons;
    private final List<MonthDay> termStarts;

    @Activate
    public ProgrammingService(@Reference Database db, @Reference PlanClock clock, @Reference SchoolService schools,
            ProgrammingConfig config) {
        this.db = db;
        this.clock = clock;
        this.schools = schools;
        this.minimumLessons = config.minimumLessons();
        this.termStarts = terms(config.termStarts());
        db.migrate("db/" + MODULE_ID + "/changelog.xml", getClass().getClassLoader());
    }

    /** What a school records of a lesson. */
    public record Input(Integer grade, String className, LocalDate day, String unit, Integer hours, List<String> tools) {
    }

    /** Records a lesson of a class; refused (400, each field named in English and Japanese) when one is wrong. */
    public ProgrammingLesson record(String schoolId, Input in, String by, boolean demo) {
        if (in == null) {
            throw new InvalidInputException("body", "a lesson: {\"grade\":5,\"className\":\"1\",\"day\":\"2025-06-02\","
                    + "\"unit\":\"正多角形をかこう\",\"hours\":2,\"tools\":[\"Scratch\"]}");
        }
        FieldChecks check = new FieldChecks();
        School school = schools.find(schoolId).orElse(null);
        if (school == null) {
            check.add("schoolId", "no school " + schoolId, "学校 " + schoolId + " はありません");
        }
        int grades = school == null ? 6 : switch (school.type()) {
            case JUNIOR_HIGH, HIGH -> 3;
            case SPECIAL_NEEDS -> 12;
            default -> 6;
        };
        if (in.grade() == null || in.grade() < 1 || in.grade() > grades) {
            check.add("grade", "1 to " + grades, "1〜" + grades + "年で入力してください");
        }
        String className = in.className() == null ? "" : in.className().strip();
        if (className.isEmpty() || className.length() > 20) {
            check.add("className", "the class: \"1\" for 1組, or its name (20 characters at most)",
                    "学級（1組なら「1」、または学級名、20文字まで）を入力してください");
        }
        if (in.day() == null) {
            check.add("day", "required: the day of the lesson", "授業の日を入力してください");
        } else if (in.day().isAfter(clock.today())) {
            check.add("day", "not after today (" + clock.today() + ")", "今日より後の日付は記録できません");
        }
        String unit = in.unit() == null ? "" : in.unit().strip();
        if (unit.isEmpty() || unit.length() > 200) {
            check.add("unit", "1 to 200 characters", "単元を1〜200文字で入力してください");
        }
        if (in.hours() == null || in.hours() < 1 || in.hours() > 10) {
            check.add("hours", "1 to 10 lesson hours", "時数は1〜10で入力してください");
        }
        List<String> tools = in.tools() == null ? List.of() : in.tools().stream().map(String::strip)
                .filter(t -> !t.isEmpty()).distinct().toList();
        if (String.join(",", tools).length() > 500 || tools.stream().anyMatch(t -> t.contains(","))) {
            check.add("tools", "tool names without commas, 500 characters in all", "教材名はカンマなし・合計500文字までです");
        }
        check.throwIfAny();
        java.time.Instant now = clock.now();
        String joined = String.join(",", tools);
        long id = db.transaction(c -> Jdbc.insert(c, "INSERT INTO " + MODULE_ID + "_lesson (school_id, grade, "
                + "class_name, day, unit, hours, tools, recorded_by, recorded_at, demo) VALUES (?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?)", schoolId, in.grade(), className, in.day(), unit, in.hours(), joined, by, now,
                demo ? 1 : 0));
        return new ProgrammingLesson(id, schoolId, in.grade(), className, in.day(), unit, in.hours(), tools, by, now,
                demo);
    }

    /** Lessons between two days (inclusive), newest first; of one school, or every school's (null). */
    public List<ProgrammingLesson> lessons(String schoolId, LocalDate from, LocalDate to) {
        String where = " WHERE day >= ? AND day <= ?" + (schoolId == null ? "" : " AND school_id = ?");
        Object[] args = schoolId == null ? new Object[] { from, to } : new Object[] { from, to, schoolId };
        return db.transaction(c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM " + MODULE_ID + "_lesson" + where
                + " ORDER BY day DESC, id DESC", ProgrammingService::read, args));
    }

    /** A fiscal year's lessons. */
    public List<ProgrammingLesson> lessons(String schoolId, FiscalYear fy) {
        return lessons(schoolId, fy.start(), fy.end());
    }

    /** The term an indicator counts: its number (1 from April), first day and last day. */
    public record Term(int number, LocalDate from, LocalDate to) {
    }

    /** A fiscal year's term now: the last one begun by today (a past year: its last term). */
    public Term term(FiscalYear fy) {
        LocalDate upTo = clock.today().isBefore(fy.end()) ? clock.today() : fy.end();
        Term current = null;
        for (int i = 0; i < termStarts.size(); i++) {
            LocalDate from = start(fy, i);
            LocalDate to = i + 1 < termStarts.size() ? start(fy, i + 1).minusDays(1) : fy.end();
            if (current == null || !from.isAfter(upTo)) {
                // The first term, until a later one has begun (a year to come: its first).
                current = new Term(i + 1, from, to);
            }
        }
        return current;
    }

    /** A class's lessons in the term, and whether it reaches the minimum. */
    public record ClassLessons(String classRef, int lessons, int hours, boolean counted) {
    }

    /** Each of a school's classes that had lessons in the fiscal year's term now. */
    public List<ClassLessons> classes(String schoolId, FiscalYear fy) {
        return counts(schoolId, term(fy)).stream().map(c -> new ClassLessons(c.classRef(), c.lessons(), c.hours(),
                c.lessons() >= minimumLessons)).toList();
    }

    /** A class's lessons in a term, counted by the database. */
    private record ClassCount(String schoolId, String classRef, int lessons, int hours, boolean demo) {
    }

    /** Each class's lessons in a term, of one school or every school's (null), by grade and class. */
    private List<ClassCount> counts(String schoolId, Term term) {
        String where = " WHERE day >= ? AND day <= ?" + (schoolId == null ? "" : " AND school_id = ?");
        Object[] args = schoolId == null ? new Object[] { term.from(), term.to() }
                : new Object[] { term.from(), term.to(), schoolId };
        return db.transaction(c -> Jdbc.list(c, "SELECT school_id, grade, class_name, COUNT(*), SUM(hours), MAX(demo) "
                + "FROM " + MODULE_ID + "_lesson" + where + " GROUP BY school_id, grade, class_name "
                + "ORDER BY school_id, grade, class_name", r -> new ClassCount(r.getString(1),
                        ProgrammingLesson.classRef(r.getInt(2), r.getString(3)), r.getInt(4), r.getInt(5),
                        r.getInt(6) == 1), args));
    }

    /**
     * The share of classes with at least the minimum of lessons in the term: those counted, of the classes the school
     * directory gives the school (or every school: {@code schoolId} null).
     */
    public record Share(Term term, int minimumLessons, int classesCounted, int classes, boolean demo) {

        /** In percent; null without classes. */
        public Double percent() {
            return classes == 0 ? null : org.gigaplan.plan.spi.Percent.of(classesCounted, classes);
        }
    }

    public Share share(String schoolId, FiscalYear fy) {
        Term term = term(fy);
        List<ClassCount> counts = counts(schoolId, term);
        Map<String, Long> reachingBySchool = new TreeMap<>();
        counts.stream().filter(c -> c.lessons() >= minimumLessons)
                .forEach(c -> reachingBySchool.merge(c.schoolId(), 1L, Long::sum));
        List<School> counted = schoolId == null ? schools.all() : schools.find(schoolId).map(List::of)
                .orElse(List.of());
        int classes = 0;
        int with = 0;
        for (School s : counted) {
            classes += s.classes();
            with += (int) Math.min(reachingBySchool.getOrDefault(s.id(), 0L), s.classes());
        }
        return new Share(term, minimumLessons, with, classes, counts.stream().anyMatch(ClassCount::demo));
    }

    public PlanClock clock() {
        return clock;
    }

    public int minimumLessons() {
        return minimumLessons;
    }

    private LocalDate start(FiscalYear fy, int term) {
        MonthDay day = termStarts.get(term);
        return day.getMonthValue() >= 4 ? day.atYear(fy.year()) : day.atYear(fy.year() + 1);
    }

    /** "04-01,10-01" as month-days from April; the first must be 04-01. */
    static List<MonthDay> terms(String setting) {
        try {
            List<MonthDay> days = Arrays.stream(setting.split(",")).map(String::strip)
                    .map(d -> MonthDay.parse("--" + d)).toList();
            if (days.isEmpty() || !days.get(0).equals(MonthDay.of(4, 1))) {
                throw new IllegalArgumentException("the first term begins on 04-01");
            }
            return days;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("termStarts = \"" + setting + "\": MM-DD of each term from 04-01, e.g. "
                    + "04-01,10-01 (" + e.getMessage() + ")", e);
        }
    }

    private static final String COLUMNS = "id, school_id, grade, class_name, day, unit, hours, tools, recorded_by, "
            + "recorded_at, demo";

    private static ProgrammingLesson read(ResultSet r) throws SQLException {
        String tools = r.getString(8);
        return new ProgrammingLesson(r.getLong(1), r.getString(2), r.getInt(3), r.getString(4),
                r.getDate(5).toLocalDate(), r.getString(6), r.getInt(7),
                tools == null || tools.isEmpty() ? List.of() : List.of(tools.split(",")), r.getString(9),
                r.getTimestamp(10).toInstant(), r.getInt(11) == 1);
    }
}
