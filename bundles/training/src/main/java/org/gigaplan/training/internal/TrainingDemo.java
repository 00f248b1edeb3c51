package org.gigaplan.training.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.gigaplan.plan.model.Teacher;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.spi.DemoContext;

/**
 * Two fiscal years of synthetic checklist answers (the demo year and the one before) for every school's teachers:
 * schools and categories differ (C and D lag, as in the national survey), and most teachers improve a little.
 */
final class TrainingDemo {

    /** How readily each category is answered 3 or 4, relative to A. */
    private static final double[] CATEGORY = { 1.0, 0.92, 0.8, 0.85 };

    private final TrainingService training;
    private final CourseService courses;
    private final DemoContext context;
    private final RandomGenerator random;

    TrainingDemo(TrainingService training, CourseService courses, DemoContext context) {
        this.training = training;
        this.courses = courses;
        this.context = context;
        this.random = context.random();
    }

    void fill() {
        FiscalYear fy = context.fiscalYear();
        int answers = 0;
        for (School school : context.schools()) {
            // About one teacher per twenty students, at least three: the smallest sample school has fewer than
            // five, so the board's views suppress it.
            int teachers = Math.max(3, school.enrollment() / 20);
            double level = 2.3 + 0.9 * random.nextDouble();
            List<Assessment> before = new ArrayList<>();
            List<Assessment> now = new ArrayList<>();
            for (int t = 1; t <= teachers; t++) {
                String code = String.format("T%03d", t);
                double teacher = level + random.nextGaussian() * 0.45;
                double growth = 0.1 + random.nextDouble() * 0.35;
                before.add(new Assessment(code, fy.previous().year(), null, answers(teacher)));
                now.add(new Assessment(code, fy.year(), null, answers(teacher + growth)));
            }
            training.teachers().register(school.id(), now.stream().map(Assessment::teacherId).toList(), Teacher.DEMO);
            answers += training.record(school.id(), before, "demo", true, true).answers();
            answers += training.record(school.id(), now, "demo", true, true).answers();
        }
        context.progress(answers + " checklist answers for " + fy.previous() + " and " + fy);
        fillTrainings(fy);
    }

    /** A small catalog with sessions in the year; teachers of every school enrol, most attend; gen-AI use reports. */
    private void fillTrainings(FiscalYear fy) {
        Object[][] catalog = {
                { "ICT活用授業づくり基礎講座", "Basics of lessons with ICT", Course.Kind.BOARD_COURSE, List.of("B"), Course.Level.BASIC },
                { "児童生徒の情報活用能力を育てる", "Growing students' information skills", Course.Kind.BOARD_COURSE,
                        List.of("C", "D"), Course.Level.STANDARD },
                { "オンライン授業実践交流会", "Online exchange of lesson practice", Course.Kind.ONLINE_PEER, List.of("B", "C"),
                        Course.Level.ADVANCED },
                { "校務で使う生成AI入門", "Generative AI for school work: an introduction", Course.Kind.GENAI, List.of("A"),
                        Course.Level.BASIC } };
        List<Course.Session> sessions = new ArrayList<>();
        for (Object[] k : catalog) {
            @SuppressWarnings("unchecked")
            List<String> categories = (List<String>) k[3];
            Course course = courses.addCourse(new CourseService.CourseInput(
                    org.gigaplan.plan.model.LocalizedText.of((String) k[0], (String) k[1]), ((Course.Kind) k[2]).name(),
                    categories, ((Course.Level) k[4]).name(), null), null, "demo", true);
            for (int month : new int[] { 6, 11 }) {
                course = courses.addSession(course, new CourseService.SessionInput(fy.start().plusMonths(month - 4).plusDays(9),
                        40, "仙台市教育センター"), true);
            }
            sessions.addAll(course.sessions());
        }
        int enrolled = 0;
        int reports = 0;
        // Reported in February, or today while this year's February is still to come.
        LocalDate february = fy.start().plusMonths(10);
        LocalDate today = training.clock().today();
        LocalDate reportedOn = february.isAfter(today) ? today : february;
        for (School school : context.schools()) {
            int teachers = Math.max(3, school.enrollment() / 20);
            training.teachers().register(school.id(), java.util.stream.IntStream.rangeClosed(1, teachers)
                    .mapToObj(t -> String.format("T%03d", t)).toList(), Teacher.DEMO);
            List<GenAi.Report> genai = new ArrayList<>();
            for (int t = 1; t <= teachers; t++) {
                String code = String.format("T%03d", t);
                if (random.nextInt(3) == 0) {
                    Course.Session session = sessions.get(random.nextInt(sessions.size()));
                    Course course = courses.courseOfSession(session.id()).orElseThrow();
                    if (courses.enrol(session.id(), course, school.id(), code, true)
                            == org.gigaplan.training.internal.store.CourseStore.Enrolment.ENROLLED) {
                        enrolled++;
                        courses.attend(session.id(), school.id(), code, random.nextInt(10) < 8);
                    }
                }
                double p = random.nextDouble();
                String frequency = p < 0.15 ? "DAILY" : p < 0.45 ? "WEEKLY" : p < 0.7 ? "MONTHLY" : p < 0.85 ? "RARELY" : "NEVER";
                genai.add(new GenAi.Report(code, fy.year(), frequency,
                        frequency.equals("NEVER") ? List.of() : List.of("LESSON_PREP", random.nextBoolean() ? "ADMIN" : "MATERIALS"),
                        reportedOn));
            }
            reports += courses.reportGenAi(school.id(), genai, true, true);
        }
        context.progress(catalog.length + " training courses, " + enrolled + " enrolments, " + reports
                + " generative-AI use reports");
    }

    private Map<String, Integer> answers(double teacher) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Checklist.Item item : training.checklist().items()) {
            double mean = 1 + (teacher - 1) * CATEGORY[item.category().charAt(0) - 'A'];
            out.put(item.code(), (int) Math.max(1, Math.min(4, Math.round(mean + random.nextGaussian() * 0.6))));
        }
        return out;
    }
}
