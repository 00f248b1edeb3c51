package org.gigaplan.training.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.Labelled;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.UseFrequency;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.spi.Coverage;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.ModuleEnablement;
import org.gigaplan.plan.spi.Percent;
import org.gigaplan.training.internal.store.AnswerStore;
import org.gigaplan.training.internal.store.CourseStore;
import org.gigaplan.training.internal.store.GenAiStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Trainings (研修): the catalog and its sessions, enrolment and attendance, each teacher's training record;
 * recommendations from the checklist answers; teachers' generative-AI use.
 */
@Component(service = CourseService.class)
public class CourseService {

    private final Database db;
    private final TrainingService training;
    private final ModuleEnablement enablement;
    private final AnswerStore answers;
    private final CourseStore courses;
    private final GenAiStore genai;

    public record CourseInput(LocalizedText title, String kind, List<String> categories, String level, String schoolId) {
    }

    public record SessionInput(LocalDate heldOn, Integer capacity, String place) {
    }

    /** A teacher of a school, for enrolment and attendance; a school's users may leave the school out. */
    public record TeacherRef(String schoolId, String teacherId, Boolean attended) {
    }

    /** A teacher's trainings across years. */
    public record TrainingRecord(String schoolId, String teacherId, List<CourseStore.RecordRow> trainings) {
    }

    /** Trainings for a teacher: those building the weakest category, at the teacher's stage first. */
    public record Recommendation(String schoolId, String teacherId, int fiscalYear, List<String> weakest,
            Course.Level level, List<Course> courses) {
    }

    /** A school's in-school training plan: teachers grouped by stage, each group with its weakest category. */
    public record SchoolPlan(String schoolId, int fiscalYear, List<String> weakest, List<Course> courses,
            List<PlanGroup> groups) {
    }

    public record PlanGroup(Course.Level level, List<String> teachers, String weakestCategory, List<Course> courses) {
    }

    @Activate
    public CourseService(@Reference Database db, @Reference TrainingService training,
            @Reference ModuleEnablement enablement) {
        this.db = db;
        this.training = training;
        this.enablement = enablement;
        this.answers = training.answerStore();
        this.courses = training.courseStore();
        this.genai = new GenAiStore(db);
    }

    // ---------------------------------------------------------------------------------------------- catalog

    public List<Course> courses(String schoolId) {
        return courses.courses(schoolId);
    }

    public Optional<Course> course(long id) {
        return courses.course(id);
    }

    /**
     * Adds a course. The board adds any kind; a school's users add in-school trainings of their own school only.
     *
     * @param callerSchool the school of a school user, null for the board
     */
    public Course addCourse(CourseInput in, String callerSchool, String by, boolean demo) {
        if (in == null) {
            throw new InvalidInputException("body", "give title, kind, categories and level",
                    "研修名・種類・区分・レベルを入力してください");
        }
        FieldChecks check = new FieldChecks();
        check.localized(in.title(), 200, "title");
        Course.Kind kind = Course.Kind.parse(in.kind()).orElse(null);
        if (kind == null) {
            check.add("kind", "one of BOARD_COURSE, IN_SCHOOL, ONLINE_PEER, GENAI, was \"" + in.kind() + "\"",
                    choices(Course.Kind.values()) + "のいずれかにしてください（\"" + in.kind() + "\"でした）");
        }
        Course.Level level = Course.Level.parse(in.level()).orElse(null);
        if (level == null) {
            check.add("level", "one of BASIC, STANDARD, ADVANCED, was \"" + in.level() + "\"",
                    choices(Course.Level.values()) + "のいずれかにしてください（\"" + in.level() + "\"でした）");
        }
        List<String> categories = new ArrayList<>();
        if (in.categories() == null || in.categories().isEmpty()) {
            check.add("categories", "give the checklist categories it builds, e.g. [\"B\", \"C\"]",
                    "この研修で高めるチェックリストの区分（A〜D）を選んでください");
        } else {
            for (int i = 0; i < in.categories().size(); i++) {
                Optional<Checklist.Category> c = training.checklist().category(in.categories().get(i));
                if (c.isEmpty()) {
                    check.add("categories[" + i + "]", "one of A, B, C, D, was \"" + in.categories().get(i) + "\"",
                            "区分は A・B・C・D のいずれかにしてください（\"" + in.categories().get(i) + "\"でした）");
                } else if (!categories.contains(c.get().code())) {
                    categories.add(c.get().code());
                }
            }
        }
        String school = in.schoolId() == null || in.schoolId().isBlank() ? callerSchool : in.schoolId().trim();
        if (callerSchool != null && (kind != Course.Kind.IN_SCHOOL || !callerSchool.equals(school))) {
            check.add("kind", "a school adds in-school trainings (IN_SCHOOL) of its own school only",
                    "学校が追加できるのは自校の校内研修だけです");
        } else if (kind == Course.Kind.IN_SCHOOL && school == null) {
            check.add("schoolId", "required for an in-school training", "校内研修には学校が必要です");
        } else if (kind != null && kind != Course.Kind.IN_SCHOOL && school != null) {
            check.add("schoolId", "only in-school trainings belong to a school", "学校に属するのは校内研修だけです");
        }
        if (school != null && check.ok()) {
            training.school(school, "schoolId");
        }
        check.throwIfAny();
        categories.sort(Comparator.naturalOrder());
        long id = db.transaction(c -> courses.addCourse(c, new LocalizedText(in.title().ja().trim(), in.title().en().trim()),
                kind, categories, level, school, by, demo));
        return courses.course(id).orElseThrow();
    }

    public Course addSession(Course course, SessionInput in, boolean demo) {
        FieldChecks check = new FieldChecks();
        if (in == null || in.heldOn() == null) {
            check.add("heldOn", "required: the session's date", "必須です（開催日）");
        }
        if (in == null || in.capacity() == null || in.capacity() < 1 || in.capacity() > 10_000) {
            check.add("capacity", "1 to 10000 places", "定員は1〜10000にしてください");
        }
        check.text(in == null ? null : in.place(), false, 200, "place");
        check.throwIfAny();
        db.transaction(c -> courses.addSession(c, course.id(), in.heldOn(), in.capacity(),
                in.place() == null ? null : in.place().trim(), demo));
        return courses.course(course.id()).orElseThrow();
    }

    public Optional<Course> courseOfSession(long sessionId) {
        return courses.courseOfSession(sessionId);
    }

    /** Enrols a teacher of a school in a session (in-school sessions: the school's own teachers only). */
    public CourseStore.Enrolment enrol(long sessionId, Course course, String schoolId, String teacherId, boolean demo) {
        training.school(schoolId, "schoolId");
        FieldChecks check = new FieldChecks();
        training.teachers().checkListed(schoolId, Map.of("teacherId", teacherId == null ? "" : teacherId), check);
        check.throwIfAny();
        if (course.schoolId() != null && !course.schoolId().equals(schoolId)) {
            throw new InvalidInputException("schoolId", "an in-school training of " + course.schoolId()
                    + " is for its own teachers", course.schoolId() + " の校内研修には、その学校の教員だけが申し込めます");
        }
        return db.transactionRetrying(c -> courses.enrol(c, sessionId, answers.ensureTeacher(c, schoolId, teacherId.trim(), demo),
                schoolId, demo));
    }

    /** Records attendance of an enrolled teacher; false when the teacher was not enrolled. */
    public boolean attend(long sessionId, String schoolId, String teacherId, boolean attended) {
        Optional<Long> id = answers.teacher(schoolId, teacherId == null ? "" : teacherId.trim());
        return id.isPresent() && db.transaction(c -> courses.attend(c, sessionId, id.get(), attended));
    }

    /** Who is enrolled in a session and whether they attended: a school's own teachers, or everyone's (null). */
    public List<Course.Enrolled> enrolled(long sessionId, String schoolId) {
        return courses.enrolled(sessionId, schoolId);
    }

    public TrainingRecord record(String schoolId, String teacherId) {
        List<CourseStore.RecordRow> rows = answers.teacher(schoolId, teacherId).map(courses::record).orElse(List.of());
        return new TrainingRecord(schoolId, teacherId, rows);
    }

    // ---------------------------------------------------------------------------------------------- recommendation

    /** For a teacher: courses building the category they answer lowest (this year's answers, else last year's). */
    public Optional<Recommendation> recommend(String schoolId, String teacherId, FiscalYear fy) {
        Optional<TeacherSkills> skills = training.teacher(schoolId, teacherId, fy);
        if (skills.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Double> means = new TreeMap<>();
        for (TeacherSkills.CategoryScore s : skills.get().categories()) {
            Double m = s.mean() != null ? s.mean() : s.previousMean();
            if (m != null) {
                means.put(s.category(), m);
            }
        }
        if (means.isEmpty()) {
            return Optional.empty();
        }
        double lowest = means.values().stream().min(Double::compare).orElseThrow();
        List<String> weakest = means.entrySet().stream().filter(e -> e.getValue() == lowest).map(Map.Entry::getKey).toList();
        Course.Level level = Course.Level.ofMean(means.values().stream().mapToDouble(Double::doubleValue).average().orElse(1));
        return Optional.of(new Recommendation(schoolId, teacherId, fy.year(), weakest, level,
                matching(schoolId, weakest, level)));
    }

    /**
     * For a school: the categories its teachers answer lowest and the courses building them, and an in-school
     * training plan grouping its teachers by stage.
     */
    public SchoolPlan plan(String schoolId, FiscalYear fy) {
        Rates rates = training.rates(fy, schoolId, false);
        double lowest = rates.categories().stream().map(Rates.Rate::rate).filter(r -> r != null)
                .min(Double::compare).orElse(Double.NaN);
        List<String> weakest = rates.categories().stream().filter(r -> r.rate() != null && r.rate() == lowest)
                .map(Rates.Rate::code).toList();
        Map<Course.Level, List<String>> byLevel = new EnumMap<>(Course.Level.class);
        Map<Course.Level, Map<String, double[]>> sums = new EnumMap<>(Course.Level.class);
        for (Map.Entry<String, Map<String, Integer>> t : training.answers(schoolId, fy).entrySet()) {
            double mean = t.getValue().values().stream().mapToInt(Integer::intValue).average().orElse(1);
            Course.Level level = Course.Level.ofMean(mean);
            byLevel.computeIfAbsent(level, k -> new ArrayList<>()).add(t.getKey());
            Map<String, double[]> s = sums.computeIfAbsent(level, k -> new LinkedHashMap<>());
            t.getValue().forEach((item, answer) -> {
                double[] x = s.computeIfAbsent(item.substring(0, 1), k -> new double[2]);
                x[0] += answer;
                x[1]++;
            });
        }
        List<PlanGroup> groups = new ArrayList<>();
        byLevel.forEach((level, teachers) -> {
            String weak = sums.get(level).entrySet().stream()
                    .min(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> e.getValue()[0] / e.getValue()[1])
                            .thenComparing(Map.Entry::getKey))
                    .map(Map.Entry::getKey).orElse(null);
            groups.add(new PlanGroup(level, teachers, weak, weak == null ? List.of() : matching(schoolId, List.of(weak), level)));
        });
        return new SchoolPlan(schoolId, fy.year(), weakest, matching(schoolId, weakest, null), groups);
    }

    /** Courses open to the school that build any of the categories: at the level first, then the others. */
    /**
     * Courses building any of the categories that a teacher can still take: with a session today or later (only
     * those sessions shown), or with no sessions at all (taken at any time); at the teacher's stage first, in-school
     * ones next, then by their first session to come.
     */
    private List<Course> matching(String schoolId, List<String> categories, Course.Level level) {
        LocalDate today = training.clock().today();
        List<Course> open = new ArrayList<>();
        for (Course c : courses.courses(schoolId)) {
            if (c.categories().stream().noneMatch(categories::contains)) {
                continue;
            }
            List<Course.Session> coming = c.sessions().stream().filter(s -> !s.heldOn().isBefore(today)).toList();
            if (c.sessions().isEmpty() || !coming.isEmpty()) {
                open.add(new Course(c.id(), c.title(), c.kind(), c.categories(), c.level(), c.schoolId(), coming,
                        c.demo()));
            }
        }
        return open.stream().sorted(Comparator.comparing((Course c) -> level != null && c.level() != level)
                .thenComparing(c -> c.kind() != Course.Kind.IN_SCHOOL)
                .thenComparing(c -> c.sessions().isEmpty() ? LocalDate.MAX : c.sessions().get(0).heldOn())
                .thenComparing(Course::id)).toList();
    }

    // ---------------------------------------------------------------------------------------------- generative AI

    /** The most generative-AI reports one request may carry: more teachers than any school has. */
    static final int MAX_REPORTS = 1_000;

    /** Stores teachers' generative-AI use reports, all or none; a later report of a year replaces the earlier. */
    public int reportGenAi(String schoolId, List<GenAi.Report> reports, boolean anyYear, boolean demo) {
        training.school(schoolId, "schoolId");
        if (reports == null || reports.isEmpty()) {
            throw new InvalidInputException("body", "give at least one report: [{\"teacherId\":\"T01\",\"fiscalYear\":2025,"
                    + "\"frequency\":\"WEEKLY\",\"purposes\":[\"LESSON_PREP\"]}]", "生成AI利用の報告を一つ以上送ってください");
        }
        FieldChecks.batchSize(reports.size(), MAX_REPORTS);
        FieldChecks check = new FieldChecks();
        List<FiscalYear> years = new ArrayList<>();
        Map<String, String> teacherFields = new LinkedHashMap<>();
        LocalDate today = training.clock().today();
        for (int i = 0; i < reports.size(); i++) {
            String at = "[" + i + "]";
            GenAi.Report r = reports.get(i);
            years.add(null);
            if (r == null) {
                check.add(at, "must be a report", "報告がありません");
                continue;
            }
            teacherFields.put(at + ".teacherId", r.teacherId());
            years.set(i, training.surveyYear(r.fiscalYear(), at + ".fiscalYear", anyYear, check));
            // A report tells what was done: dated today at the latest, within its fiscal year.
            if (r.reportedOn() != null && r.reportedOn().isAfter(today)) {
                check.add(at + ".reportedOn", "a report is dated today (" + today + ") or earlier, was "
                        + r.reportedOn(),
                        "報告日は今日（" + today + "）以前にしてください（" + r.reportedOn() + "でした）");
            } else if (r.reportedOn() != null && years.get(i) != null && !years.get(i).contains(r.reportedOn())) {
                check.add(at + ".reportedOn", r.reportedOn() + " is outside " + years.get(i) + " ("
                        + years.get(i).start() + " to " + years.get(i).end() + ")", "報告日 " + r.reportedOn() + " が "
                        + years.get(i) + "（" + years.get(i).start() + "〜" + years.get(i).end() + "）の外です");
            }
            if (UseFrequency.parse(r.frequency()).isEmpty()) {
                check.add(at + ".frequency", "one of " + UseFrequency.names() + ", was \""
                        + r.frequency() + "\"", choices(UseFrequency.values()) + "のいずれかにしてください（\""
                        + r.frequency() + "\"でした）");
            }
            List<String> purposes = r.purposes() == null ? List.of() : r.purposes();
            for (int j = 0; j < purposes.size(); j++) {
                if (GenAi.Purpose.parse(purposes.get(j)).isEmpty()) {
                    check.add(at + ".purposes[" + j + "]", "one of LESSON_PREP, MATERIALS, ASSESSMENT, "
                            + "ADMIN, COMMUNICATION, OTHER, was \"" + purposes.get(j) + "\"",
                            choices(GenAi.Purpose.values()) + "のいずれかにしてください（\"" + purposes.get(j) + "\"でした）");
                }
            }
        }
        training.teachers().checkListed(schoolId, teacherFields, check);
        check.throwIfAny();
        return db.transactionRetrying(c -> {
            for (int i = 0; i < reports.size(); i++) {
                GenAi.Report r = reports.get(i);
                long teacher = answers.ensureTeacher(c, schoolId, r.teacherId().trim(), demo);
                FiscalYear fy = years.get(i);
                String purposes = String.join(",", (r.purposes() == null ? List.<String>of() : r.purposes()).stream()
                        .map(p -> GenAi.Purpose.parse(p).orElseThrow().name()).distinct().sorted().toList());
                genai.put(c, teacher, schoolId, fy.year(), UseFrequency.parse(r.frequency()).orElseThrow().name(),
                        purposes, r.reportedOn() == null ? training.clock().today() : r.reportedOn(), demo);
            }
            return reports.size();
        });
    }

    /** How many of the schools served had a teacher report generative-AI use in a fiscal year. */
    public Coverage schoolsReportingGenAi(FiscalYear fy) {
        List<String> served = training.servedSchools();
        int reporting = (int) genai.reports(fy.year(), null).stream().map(GenAiStore.Row::schoolId).distinct()
                .filter(served::contains).count();
        return Coverage.schools(reporting, served.size());
    }

    /**
     * Online peer-learning sessions (courses of kind ONLINE_PEER) held in a fiscal year up to today, and the
     * teachers who attended them (of one school, or of every school served): [sessions, attendees].
     */
    public int[] onlinePeer(FiscalYear fy, String schoolId) {
        LocalDate today = training.clock().today();
        LocalDate to = fy.end().isBefore(today) ? fy.end() : today;
        int sessions = (int) courses.courses(null).stream().filter(c -> c.kind() == Course.Kind.ONLINE_PEER)
                .flatMap(c -> c.sessions().stream())
                .filter(s -> !s.heldOn().isBefore(fy.start()) && !s.heldOn().isAfter(to)).count();
        List<String> served = training.servedSchools();
        int attendees = to.isBefore(fy.start()) ? 0 : courses.attendees(fy.start(), to, Course.Kind.ONLINE_PEER)
                .entrySet().stream().filter(e -> schoolId == null ? served.contains(e.getKey()) : e.getKey().equals(schoolId))
                .mapToInt(Map.Entry::getValue).sum();
        return new int[] { sessions, attendees };
    }

    /**
     * Generative-AI use in a fiscal year for the city (schoolId null) or a school, with the teachers who attended
     * a generative-AI training in it. With {@code suppressSmall}, fewer than five reporting teachers show no
     * figures.
     */
    public GenAi.Use genAiUse(FiscalYear fy, String schoolId, boolean suppressSmall) {
        Set<String> off = schoolId == null ? enablement.disabledSchools(TrainingService.MODULE_ID) : Set.of();
        List<GenAiStore.Row> rows = genai.reports(fy.year(), schoolId).stream().filter(r -> !off.contains(r.schoolId())).toList();
        int teachers = rows.size();
        boolean demo = rows.stream().anyMatch(GenAiStore.Row::demo);
        if (suppressSmall && teachers < TrainingService.MIN_GROUP) {
            return new GenAi.Use(fy.year(), schoolId, teachers, true, null, null, null, null, Map.of(), null, demo);
        }
        int daily = (int) rows.stream().filter(r -> r.frequency().equals(UseFrequency.DAILY.name())).count();
        int weekly = (int) rows.stream().filter(r -> UseFrequency.valueOf(r.frequency()).weekly()).count();
        Map<String, Integer> purposes = new TreeMap<>();
        rows.forEach(r -> {
            for (String p : r.purposes().split(",")) {
                if (!p.isEmpty()) {
                    purposes.merge(p, 1, Integer::sum);
                }
            }
        });
        int attendees = courses.attendees(fy.start(), fy.end(), Course.Kind.GENAI).entrySet().stream()
                .filter(e -> (schoolId == null || e.getKey().equals(schoolId)) && !off.contains(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
        return new GenAi.Use(fy.year(), schoolId, teachers, false, daily, weekly, Percent.of(daily, teachers),
                Percent.of(weekly, teachers), purposes, attendees, demo);
    }

    /** The codes of an enum with their Japanese labels, for refusals in Japanese: "BASIC（初級）、STANDARD（中級）". */
    static String choices(Labelled[] values) {
        return String.join("、", java.util.Arrays.stream(values)
                .map(v -> ((Enum<?>) v).name() + "（" + v.label().ja() + "）").toList());
    }
}
