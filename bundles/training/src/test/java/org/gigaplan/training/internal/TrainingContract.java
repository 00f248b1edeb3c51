package org.gigaplan.training.internal;

import static org.gigaplan.testkit.FakeSchools.school;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;

import javax.sql.DataSource;

import org.gigaplan.plan.csv.CsvTable;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.spi.DemoContext;
import org.gigaplan.plan.spi.IndicatorValue;
import org.gigaplan.plan.spi.Scope;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.spi.Coverage;
import org.gigaplan.testkit.FakeEnablement;
import org.gigaplan.testkit.FakePlans;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.testkit.FakeSchools;
import org.gigaplan.testkit.FakeTeachers;
import org.gigaplan.testkit.AtOnce;

import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checklist's records and rates over a real database, on Derby and PostgreSQL; figures computed by hand. */
abstract class TrainingContract {

    static final FiscalYear FY = FiscalYear.of(2025);
    static final FiscalYear LAST = FiscalYear.of(2024);

    FakeSchools schools;
    FakeEnablement enablement;
    TrainingService training;
    CourseService courses;

    /** The day these tests run on: FY2026 (令和8年度), the year after FY2025's answers. */
    static final PlanClock TODAY = PlanClock.fixedAt(java.time.LocalDate.of(2026, 11, 30));

    FakeTeachers teachers;
    TestDatabase db;

    abstract DataSource dataSource();

    @BeforeEach
    void fresh() {
        TestDatabase db = TestDatabase.on(dataSource());
        // The first service migrates the tables; the test's starts on them emptied.
        new TrainingService(db, FakePlans.shipped(), new FakeSchools(), new FakeEnablement(), TODAY, new FakeTeachers());
        db.clear("training_genai", "training_enrolment", "training_session", "training_course",
                "training_answer", "training_teacher", "training_item_count", "training_school_count",
                "training_school_lock");
        this.db = db;
        schools = FakeSchools.sample().add(
                school("T-E1", "テスト小学校1", "Test Elementary 1", SchoolType.ELEMENTARY, 300, 6),
                school("T-E2", "テスト小学校2", "Test Elementary 2", SchoolType.ELEMENTARY, 60, 2));
        enablement = new FakeEnablement();
        teachers = new FakeTeachers().list("T-E1", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8")
                .list("T-E2", "U1", "U2", "U3");
        for (int i = 0; i < 25; i++) {
            teachers.list("T-E1", "R" + i);
        }
        training = new TrainingService(db, FakePlans.shipped(), schools, enablement, TODAY, teachers);
        courses = new CourseService(db, training, enablement);
    }

    static Assessment a(String teacher, FiscalYear fy, Object... itemAnswer) {
        Map<String, Integer> answers = new java.util.LinkedHashMap<>();
        for (int i = 0; i < itemAnswer.length; i += 2) {
            answers.put((String) itemAnswer[i], (Integer) itemAnswer[i + 1]);
        }
        return new Assessment(teacher, fy.year(), null, answers);
    }

    void postTwoYears() {
        training.record("T-E1", List.of(a("T1", FY, "A-1", 4, "A-2", 3), a("T2", FY, "A-1", 2, "A-2", 3),
                a("T3", FY, "A-1", 1, "A-2", 4), a("T4", FY, "A-1", 3, "A-2", 2), a("T5", FY, "A-1", 4, "A-2", 1),
                a("T6", FY, "A-1", 3)), "school", true, false);
        training.record("T-E1", List.of(a("T1", LAST, "A-1", 3), a("T2", LAST, "A-1", 1), a("T3", LAST, "A-1", 1),
                a("T4", LAST, "A-1", 2), a("T5", LAST, "A-1", 4)), "school", true, false);
        training.record("T-E2", List.of(a("U1", FY, "A-1", 4), a("U2", FY, "A-1", 4), a("U3", FY, "A-1", 4)), "school", true, false);
    }

    static Rates.Rate rate(List<Rates.Rate> rates, String code) {
        return rates.stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void ratesPerItemAndCategoryWithTheChangeSinceLastYearAreWhatAHandComputationGives() {
        postTwoYears();
        Rates e1 = training.rates(FY, "T-E1", true);
        assertEquals(6, e1.teachers());
        // A-1: 4,2,1,3,4,3 → 4 of 6; A-2: 3,3,4,2,1 → 3 of 5; A: 7 of 11. Last year A-1: 3,1,1,2,4 → 2 of 5.
        assertEquals(new Rates.Rate("A-1", rate(e1.items(), "A-1").label(), 6, 4, 66.7, 40.0, 26.7), rate(e1.items(), "A-1"));
        assertEquals(60.0, rate(e1.items(), "A-2").rate());
        Rates.Rate a = rate(e1.categories(), "A");
        assertEquals(63.6, a.rate());
        assertEquals(40.0, a.previous());
        assertEquals(23.6, a.change());
        assertNull(rate(e1.categories(), "B").rate(), "nothing answered in B");

        // The city: A-1 7 of 9 (T-E2's three all answered 4); last year only T-E1.
        Rates city = training.rates(FY, null, true);
        assertEquals(9, city.teachers());
        assertEquals(77.8, rate(city.items(), "A-1").rate());
        assertEquals(37.8, rate(city.items(), "A-1").change());
    }

    @Test
    void aGroupOfFewerThanFiveTeachersIsSuppressedInTheBoardsViews() {
        postTwoYears();
        Rates small = training.rates(FY, "T-E2", true);
        assertTrue(small.suppressed());
        assertNull(rate(small.categories(), "A").rate());
        assertNull(rate(small.items(), "A-1").answered());
        // The school itself sees its own figures.
        assertEquals(100.0, rate(training.rates(FY, "T-E2", false).categories(), "A").rate());
        List<Rates> bySchool = training.ratesBySchool(FY);
        assertEquals(List.of("T-E1", "T-E2"), bySchool.stream().map(Rates::schoolId).toList());
        assertTrue(bySchool.get(1).suppressed());
        assertEquals(63.6, rate(bySchool.get(0).categories(), "A").rate());
        TrainingModule module = new TrainingModule(training, courses);
        // The school's own roll-up shows its own figure, as its rates do (the board reads it there too).
        assertEquals(100.0, module.value("training.category-a", Scope.school("T-E2"), FY).orElseThrow().value());
        IndicatorValue city = module.value("training.category-a", Scope.city(), FY).orElseThrow();
        assertEquals(rate(training.rates(FY, null, true).categories(), "A").rate(), city.value());
        assertEquals(9L, city.sampleSize());
    }

    @Test
    void aTeachersOwnScoresSitBesideLastYears() {
        postTwoYears();
        TeacherSkills t1 = training.teacher("T-E1", "T1", FY).orElseThrow();
        assertEquals(Map.of("A-1", 4, "A-2", 3), t1.answers());
        TeacherSkills.CategoryScore a = t1.categories().get(0);
        assertEquals(100.0, a.rate());
        assertEquals(3.5, a.mean());
        assertEquals(3.0, a.previousMean());
        assertEquals(TrainingService.asOf(FY), t1.answeredOn(), "as of March 1 by default");
        // This year's answer, given before the survey's March 1, is dated the day it is given, not a day to come.
        training.record("T-E1", List.of(a("T1", FiscalYear.of(2026), "A-1", 2)), "s", true, false);
        assertEquals(TODAY.today(), training.teacher("T-E1", "T1", FiscalYear.of(2026)).orElseThrow().answeredOn());
        assertTrue(training.teacher("T-E1", "NOBODY", FY).isEmpty());
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() {
        assertRefusedInJapanese("[0].answers.E-1", () -> training.record("T-E1",
                List.of(a("T1", FY, "E-1", 3)), "s", true, false));
        assertRefusedInJapanese("[1].answers.A-1", () -> training.record("T-E1",
                List.of(a("T1", FY, "A-1", 3), a("T2", FY, "A-1", 5)), "s", true, false));
        assertRefused("[0].fiscalYear", () -> training.record("T-E1", List.of(a("T1", FiscalYear.of(2019), "A-1", 3)), "s", true, false));
        assertRefused("[0].teacherId", () -> training.record("T-E1", List.of(a(" ", FY, "A-1", 3)), "s", true, false));
        assertRefusedInJapanese("[1].teacherId", () -> training.record("T-E1",
                List.of(a("T1", FY, "A-1", 3), a("T1", FY, "A-2", 3)), "s", true, false));
        assertRefusedInJapanese("[0].answeredOn", () -> training.record("T-E1",
                List.of(new Assessment("T1", 2025, java.time.LocalDate.of(2024, 5, 1), Map.of("A-1", 3))), "s", true, false));
        assertRefused("schoolId", () -> training.record("NOPE", List.of(a("T1", FY, "A-1", 3)), "s", true, false));
        assertTrue(training.answers("T-E1", FY).isEmpty());
    }

    @Test
    void answersGivenTodayLandInTodaysFiscalYearAndOnlyTheBoardEntersAnEarlierOne() {
        // 2026-11-30 is in FY2026 (令和8年度). Last year's answers stand and must survive a teacher answering today.
        training.record("T-E1", List.of(a("T1", FY, "A-1", 2)), "board", true, false);
        training.record("T-E1", List.of(new Assessment("T1", null, null, Map.of("A-1", 4))), "teacher", false, false);
        assertEquals(Map.of("T1", Map.of("A-1", 4)), training.answers("T-E1", FiscalYear.of(2026)));
        assertEquals(Map.of("T1", Map.of("A-1", 2)), training.answers("T-E1", FY), "FY2025's answer is untouched");
        // A school or teacher naming last year is refused; so is a year that has not begun, even for the board.
        assertRefused("[0].fiscalYear", () -> training.record("T-E1", List.of(a("T1", FY, "A-1", 1)), "teacher", false,
                false));
        assertRefused("[0].fiscalYear", () -> training.record("T-E1", List.of(a("T1", FiscalYear.of(2027), "A-1", 1)),
                "board", true, false));
        assertEquals(Map.of("T1", Map.of("A-1", 2)), training.answers("T-E1", FY));
        // The same rule for the generative-AI survey.
        courses.reportGenAi("T-E1", List.of(new GenAi.Report("T1", null, "DAILY", List.of(), null)), false, false);
        assertEquals(1, courses.genAiUse(FiscalYear.of(2026), "T-E1", false).teachers());
        assertEquals(0, courses.genAiUse(FY, "T-E1", false).teachers());
        assertRefused("[0].fiscalYear", () -> courses.reportGenAi("T-E1",
                List.of(new GenAi.Report("T1", 2025, "DAILY", List.of(), null)), false, false));
        // A report is dated today at the latest, inside its year; a batch has a limit.
        assertRefusedInJapanese("[0].reportedOn", () -> courses.reportGenAi("T-E1",
                List.of(new GenAi.Report("T1", null, "DAILY", List.of(), java.time.LocalDate.of(2099, 1, 1))), false, false));
        assertRefusedInJapanese("[0].purposes[0]", () -> courses.reportGenAi("T-E1",
                List.of(new GenAi.Report("T1", null, "DAILY", List.of("LESSON"), null)), false, false));
        assertRefusedInJapanese("[0].frequency", () -> courses.reportGenAi("T-E1",
                List.of(new GenAi.Report("T1", null, "OFTEN", List.of(), null)), false, false));
        assertRefused("[0].reportedOn", () -> courses.reportGenAi("T-E1",
                List.of(new GenAi.Report("T1", null, "DAILY", List.of(), java.time.LocalDate.of(2026, 3, 31))), false, false));
        assertRefused("body", () -> courses.reportGenAi("T-E1", java.util.Collections.nCopies(CourseService.MAX_REPORTS + 1,
                new GenAi.Report("T1", null, "DAILY", List.of(), null)), false, false));
        // Reads default to today's year too.
        assertEquals(FiscalYear.of(2026), training.fiscalYear(null, "fiscalYear"));
    }

    static void assertRefused(String field, Runnable write) {
        InvalidInputException e = assertThrows(InvalidInputException.class, write::run);
        assertTrue(e.errors().stream().anyMatch(x -> x.field().equals(field)), field + " not in " + e.errors());
    }

    /** Refused naming the field, with what is wrong in Japanese too (school staff read the answer in Japanese). */
    static void assertRefusedInJapanese(String field, Runnable write) {
        InvalidInputException e = assertThrows(InvalidInputException.class, write::run);
        assertTrue(e.errors().stream().anyMatch(x -> x.field().equals(field) && x.japanese() != null),
                field + " not in " + e.errors() + " with Japanese");
    }

    @Test
    void aWholeSchoolsCsvGoesInAllOrNothingAndComesBackOut() {
        String csv = "\uFEFFteacher_id,A-1,A-2,D-4\nT1,4,ややできる,\nT2,あまりできない,1,できる\n";
        TrainingService.BatchResult r = training.record("T-E1",
                AssessmentCsv.parse(CsvTable.parse(csv), FY, training.checklist(), teachers, "T-E1"), "school", true, false);
        assertEquals(2, r.teachers());
        assertEquals(5, r.answers());
        StringWriter out = new StringWriter();
        AssessmentCsv.write(training.answers("T-E1", FY), training.checklist(), out);
        String exported = out.toString();
        assertTrue(exported.startsWith("\uFEFFteacher_id,A-1,A-2,A-3,A-4,B-1"), exported);
        assertTrue(exported.contains("T1,4,3,,"), exported);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AssessmentCsv.parse(
                CsvTable.parse("teacher_id,A-1,A-2\nT7,4,3\nT8,5,3\n"), FY, training.checklist(), teachers, "T-E1"));
        assertEquals("line 3.A-1", e.errors().get(0).field());
        assertNotNull(e.errors().get(0).japanese(), "the refusal is in Japanese too");
        InvalidInputException header = assertThrows(InvalidInputException.class, () -> AssessmentCsv.parse(
                CsvTable.parse("teacher_id,A-1,Z-9\nT7,4,3\n"), FY, training.checklist(), teachers, "T-E1"));
        assertEquals("line 1.Z-9", header.errors().get(0).field());
        assertEquals("チェックリストの項目 Z-9 はありません（項目は A-1〜D-4）", header.errors().get(0).japanese());
        assertEquals(2, training.answers("T-E1", FY).size(), "the refused files stored nothing");
    }

    @Test
    void theRollUpSaysHowManySchoolsAnsweredShowsASchoolItsOwnAndCountsOnlinePeerSessions() {
        postTwoYears();
        TrainingModule module = new TrainingModule(training, courses);
        // Two of the 13 schools served (the sample directory's 11 and ours) answered FY2025.
        assertEquals(Coverage.schools(2, 13), module.value("training.category-a", Scope.city(), FY).orElseThrow()
                .coverage());
        // T-E2 has three teachers: the board's views hide them, the school's own roll-up shows its figure.
        assertTrue(training.rates(FY, "T-E2", true).suppressed());
        assertEquals(100.0, module.value("training.category-a", Scope.school("T-E2"), FY).orElseThrow().value());

        // P2-B2: online peer-learning sessions held in the year up to today (2026-11-30), and who attended them.
        Course peer = courses.addCourse(course("オンライン実践交流会", "ONLINE_PEER", List.of("B"), "STANDARD", null), null,
                "board", false);
        peer = courses.addSession(peer, new CourseService.SessionInput(java.time.LocalDate.of(2026, 6, 10), 30, null),
                false);
        peer = courses.addSession(peer, new CourseService.SessionInput(java.time.LocalDate.of(2026, 12, 10), 30, null),
                false);
        long june = peer.sessions().get(0).id();
        courses.enrol(june, peer, "T-E1", "T1", false);
        courses.attend(june, "T-E1", "T1", true);
        IndicatorValue held = module.value(TrainingModule.ONLINE_PEER, Scope.city(), FiscalYear.of(2026)).orElseThrow();
        assertEquals(1.0, held.value(), "December's session has not been held yet");
        assertTrue(held.note().en().contains("1 teachers"), held.note().en());
        assertEquals(0.0, module.value(TrainingModule.ONLINE_PEER, Scope.city(), FY).orElseThrow().value());
    }

    @Test
    void theShippedChecklistHasSixteenItemsInFourCategories() {
        Checklist c = training.checklist();
        assertEquals(List.of("A", "B", "C", "D"), c.categories().stream().map(Checklist.Category::code).toList());
        assertEquals(16, c.items().size());
        assertEquals("D-4", c.items().get(15).code());
        assertTrue(c.categories().get(2).title().ja().startsWith("児童生徒のICT活用を指導する能力"));
        c.items().forEach(i -> assertTrue(!i.text().ja().isBlank() && !i.text().en().isBlank(), i.code()));
    }

    CourseService.CourseInput course(String ja, String kind, List<String> categories, String level, String school) {
        return new CourseService.CourseInput(org.gigaplan.plan.model.LocalizedText.of(ja, ja + " (en)"), kind, categories,
                level, school);
    }

    @Test
    void teachersAreRemindedTheDayBeforeAndSchoolsAskedForAttendanceTwoDaysAfter() {
        Course c = courses.addCourse(course("授業づくり", "BOARD_COURSE", List.of("B"), "BASIC", null), null, "board", false);
        c = courses.addSession(c, new CourseService.SessionInput(java.time.LocalDate.of(2025, 6, 10), 30, "センター"), false);
        long session = c.sessions().get(0).id();
        courses.enrol(session, c, "T-E1", "T1", false);
        courses.enrol(session, c, "T-E1", "T2", false);
        courses.enrol(session, c, "T-E2", "U1", false);
        org.gigaplan.testkit.FakeNotifier notifier = new org.gigaplan.testkit.FakeNotifier();
        ReminderJob job = new ReminderJob(courses, notifier, new TrainingConfig() {
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return TrainingConfig.class;
            }

            public String reminderSchedule() {
                return "daily 07:30";
            }

            public int attendanceAfterDays() {
                return 2;
            }
        });
        java.util.function.Function<java.time.LocalDate, String> runOn = day -> {
            java.time.Instant at = day.atTime(7, 30).atZone(java.time.ZoneId.of("Asia/Tokyo")).toInstant();
            return job.run(new org.gigaplan.plan.notify.ScheduledJob.Run(at, day, at));
        };
        assertEquals("0 teachers reminded of tomorrow's sessions, 0 schools asked for attendance",
                runOn.apply(java.time.LocalDate.of(2025, 6, 8)));
        assertEquals("3 teachers reminded of tomorrow's sessions, 0 schools asked for attendance",
                runOn.apply(java.time.LocalDate.of(2025, 6, 9)));
        org.gigaplan.plan.notify.Notice t1 = notifier.sentTo(org.gigaplan.plan.notify.Audience.teacher("T-E1", "T1")).get(0);
        assertEquals("training.session", t1.kind());
        assertTrue(t1.body().ja().contains("明日 2025-06-10") && t1.body().ja().contains("会場: センター"), t1.body().ja());
        assertEquals("0 teachers reminded of tomorrow's sessions, 0 schools asked for attendance",
                runOn.apply(java.time.LocalDate.of(2025, 6, 9)), "once");
        // T-E2 records U1's attendance; T-E1 does not: two days after, T-E1 is asked about T1 and T2.
        courses.attend(session, "T-E2", "U1", true);
        assertEquals("0 teachers reminded of tomorrow's sessions, 0 schools asked for attendance",
                runOn.apply(java.time.LocalDate.of(2025, 6, 11)));
        assertEquals("0 teachers reminded of tomorrow's sessions, 1 schools asked for attendance",
                runOn.apply(java.time.LocalDate.of(2025, 6, 12)));
        org.gigaplan.plan.notify.Notice ask = notifier.sentTo(org.gigaplan.plan.notify.Audience.school("T-E1")).get(0);
        assertTrue(ask.body().ja().contains("T1、T2"), ask.body().ja());
        assertTrue(notifier.sentTo(org.gigaplan.plan.notify.Audience.school("T-E2")).isEmpty());
        assertEquals("0 teachers reminded of tomorrow's sessions, 0 schools asked for attendance",
                runOn.apply(java.time.LocalDate.of(2025, 6, 13)), "asked once");
    }

    @Test
    void sessionsFillUpToTheirCapacityAndAttendanceMakesATeachersRecord() {
        Course c = courses.addCourse(course("授業づくり", "BOARD_COURSE", List.of("b", "B"), "BASIC", null), null, "board", false);
        assertEquals(List.of("B"), c.categories());
        c = courses.addSession(c, new CourseService.SessionInput(java.time.LocalDate.of(2025, 6, 10), 2, "センター"), false);
        long session = c.sessions().get(0).id();
        assertEquals(org.gigaplan.training.internal.store.CourseStore.Enrolment.ENROLLED, courses.enrol(session, c, "T-E1", "T1", false));
        assertEquals(org.gigaplan.training.internal.store.CourseStore.Enrolment.ALREADY, courses.enrol(session, c, "T-E1", "T1", false));
        assertEquals(org.gigaplan.training.internal.store.CourseStore.Enrolment.ENROLLED, courses.enrol(session, c, "T-E2", "U1", false));
        assertEquals(org.gigaplan.training.internal.store.CourseStore.Enrolment.FULL, courses.enrol(session, c, "T-E1", "T2", false));
        // Through the API, a full session is a conflict worded in Japanese too.
        var api = new org.gigaplan.training.internal.rest.SessionResource(courses,
                new org.gigaplan.testkit.FakeAudit());
        var staff = new org.gigaplan.plan.security.Caller("staff-e1", org.gigaplan.plan.security.Role.SCHOOL, "T-E1");
        var full = assertThrows(org.gigaplan.plan.rest.ConflictException.class,
                () -> api.enrol(session, new CourseService.TeacherRef(null, "T2", null), staff));
        assertEquals("sessionId", full.field());
        assertNotNull(full.japanese());
        assertTrue(courses.attend(session, "T-E1", "T1", true));
        assertTrue(!courses.attend(session, "T-E1", "T2", true), "T2 is not enrolled");
        assertEquals(TODAY.now(), courses.enrolled(session, "T-E1").get(0).enrolledAt(),
                "enrolled at the platform's time, not the machine's");
        Course.Session s = courses.course(c.id()).orElseThrow().sessions().get(0);
        assertEquals(2, s.enrolled());
        assertEquals(1, s.attended());
        // Attendance rate: of the teachers who answered the checklist this year, those who attended a session.
        training.record("T-E1", List.of(a("T1", FY, "A-1", 3), a("T2", FY, "A-1", 3)), "school", true, false);
        Rates e1 = training.rates(FY, "T-E1", false);
        assertEquals(1, e1.trainingAttendees());
        assertEquals(50.0, e1.attendanceRate());
        CourseService.TrainingRecord record = courses.record("T-E1", "T1");
        assertEquals(1, record.trainings().size());
        assertEquals(Boolean.TRUE, record.trainings().get(0).attended());

        // A school adds in-school trainings of its own only; they are for its own teachers.
        assertRefused("kind", () -> courses.addCourse(course("x", "BOARD_COURSE", List.of("A"), "BASIC", null), "T-E1", "s", false));
        assertRefused("schoolId", () -> courses.addCourse(course("x", "IN_SCHOOL", List.of("A"), "BASIC", null), null, "b", false));
        assertRefused("categories[0]", () -> courses.addCourse(course("x", "GENAI", List.of("E"), "BASIC", null), null, "b", false));
        assertRefusedInJapanese("level",
                () -> courses.addCourse(course("x", "GENAI", List.of("A"), "EXPERT", null), null, "b", false));
        Course own = courses.addCourse(course("校内研修", "IN_SCHOOL", List.of("C"), "STANDARD", null), "T-E1", "s", false);
        assertEquals("T-E1", own.schoolId());
        Course withSession = courses.addSession(own, new CourseService.SessionInput(java.time.LocalDate.of(2025, 7, 1), 30, null), false);
        assertRefused("schoolId", () -> courses.enrol(withSession.sessions().get(0).id(), withSession, "T-E2", "U1", false));
        assertEquals(1, courses.courses("T-E2").size(), "T-E2 does not see T-E1's in-school training");
        // Named by its session's id, another school's staff are refused without being told whose it is.
        long inSchool = withSession.sessions().get(0).id();
        var sessions = new org.gigaplan.training.internal.rest.SessionResource(courses, new org.gigaplan.testkit.FakeAudit());
        var e2 = new org.gigaplan.plan.security.Caller("staff-e2", org.gigaplan.plan.security.Role.SCHOOL, "T-E2");
        for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
                () -> sessions.enrolments(inSchool, e2),
                () -> sessions.enrol(inSchool, new CourseService.TeacherRef(null, "U1", null), e2),
                () -> sessions.attend(inSchool, new CourseService.TeacherRef(null, "U1", null), e2))) {
            var refused = assertThrows(org.gigaplan.plan.security.AccessDeniedException.class, call);
            assertTrue(!refused.getMessage().contains("T-E1"), refused.getMessage());
        }
        assertEquals(List.of(), sessions.enrolments(inSchool, new org.gigaplan.plan.security.Caller("staff-e1",
                org.gigaplan.plan.security.Role.SCHOOL, "T-E1")), "its own school's staff read its enrolments");
    }

    @Test
    void recommendationsPickTheWeakestCategorysTrainings() {
        Course b = courses.addCourse(course("B講座", "BOARD_COURSE", List.of("B"), "STANDARD", null), null, "board", false);
        Course cBasic = courses.addCourse(course("C基礎", "BOARD_COURSE", List.of("C"), "BASIC", null), null, "board", false);
        Course cStandard = courses.addCourse(course("C中級", "ONLINE_PEER", List.of("C", "D"), "STANDARD", null), null, "b", false);
        // T1 answers A and B high, C lowest: mean (4+4+3+3+2+1)/6 = 2.83, a STANDARD teacher.
        training.record("T-E1", List.of(a("T1", FY, "A-1", 4, "A-2", 4, "B-1", 3, "B-2", 3, "C-1", 2, "C-2", 1),
                a("T2", FY, "A-1", 1, "B-1", 1, "C-1", 2), a("T3", FY, "A-1", 4, "B-1", 4, "C-1", 4)), "school", true, false);
        CourseService.Recommendation r = courses.recommend("T-E1", "T1", FY).orElseThrow();
        assertEquals(List.of("C"), r.weakest());
        assertEquals(Course.Level.STANDARD, r.level());
        assertEquals(List.of(cStandard.id(), cBasic.id()), r.courses().stream().map(Course::id).toList(),
                "the teacher's level first; never the B course");
        // Today is 2026-11-30. A course whose sessions are all past cannot be taken: not recommended; of a course
        // with one to come, only that one is shown.
        courses.addSession(cBasic, new CourseService.SessionInput(java.time.LocalDate.of(2025, 6, 10), 30, null), false);
        Course cStandardNow = courses.addSession(cStandard, new CourseService.SessionInput(
                java.time.LocalDate.of(2025, 7, 1), 30, null), false);
        cStandardNow = courses.addSession(cStandardNow, new CourseService.SessionInput(
                java.time.LocalDate.of(2026, 12, 10), 30, null), false);
        assertEquals(2, cStandardNow.sessions().size());
        CourseService.Recommendation now = courses.recommend("T-E1", "T1", FY).orElseThrow();
        assertEquals(List.of(cStandard.id()), now.courses().stream().map(Course::id).toList());
        assertEquals(List.of(java.time.LocalDate.of(2026, 12, 10)),
                now.courses().get(0).sessions().stream().map(Course.Session::heldOn).toList());
        CourseService.SchoolPlan plan = courses.plan("T-E1", FY);
        // School: A 4,4,1,4 → 3 of 4; B 3,3,1,4 → 3 of 4; C 2,1,2,4 → 1 of 4: C is weakest.
        assertEquals(List.of("C"), plan.weakest());
        assertEquals(List.of(Course.Level.BASIC, Course.Level.STANDARD, Course.Level.ADVANCED),
                plan.groups().stream().map(CourseService.PlanGroup::level).toList());
        assertEquals(List.of("T2"), plan.groups().get(0).teachers());
        assertTrue(plan.courses().stream().noneMatch(x -> x.id() == b.id()));
    }

    @Test
    void generativeAiUseIsTheShareUsingItWeeklyAndSmallGroupsAreSuppressed() {
        courses.reportGenAi("T-E1", List.of(new GenAi.Report("T1", 2025, "DAILY", List.of("LESSON_PREP", "ADMIN"), null),
                new GenAi.Report("T2", 2025, "weekly", List.of("ADMIN"), null),
                new GenAi.Report("T3", 2025, "MONTHLY", List.of(), null),
                new GenAi.Report("T4", 2025, "NEVER", null, null),
                new GenAi.Report("T5", 2025, "RARELY", List.of("OTHER"), null)), true, false);
        // A later report replaces the earlier one of the year: T5 now weekly.
        courses.reportGenAi("T-E1", List.of(new GenAi.Report("T5", 2025, "WEEKLY", List.of("MATERIALS"), null)), true, false);
        GenAi.Use use = courses.genAiUse(FY, "T-E1", true);
        assertEquals(5, use.teachers());
        assertEquals(3, use.weeklyOrMore());
        assertEquals(60.0, use.weeklyShare());
        assertEquals(20.0, use.dailyShare());
        assertEquals(Map.of("ADMIN", 2, "LESSON_PREP", 1, "MATERIALS", 1), use.purposes());
        courses.reportGenAi("T-E2", List.of(new GenAi.Report("U1", 2025, "DAILY", List.of(), null)), true, false);
        assertTrue(courses.genAiUse(FY, "T-E2", true).suppressed());
        assertEquals(100.0, courses.genAiUse(FY, "T-E2", false).weeklyShare());
        IndicatorValue city = new TrainingModule(training, courses).value(TrainingModule.GENAI, Scope.city(), FY).orElseThrow();
        assertEquals(66.7, city.value(), "4 of 6 teachers");
        assertRefused("[0].frequency", () -> courses.reportGenAi("T-E1",
                List.of(new GenAi.Report("T1", 2025, "SOMETIMES", List.of(), null)), true, false));
        assertRefused("[0].purposes[0]", () -> courses.reportGenAi("T-E1",
                List.of(new GenAi.Report("T1", 2025, "DAILY", List.of("GAMES"), null)), true, false));
        assertEquals(5, courses.genAiUse(FY, "T-E1", true).teachers(), "refused reports stored nothing");
    }

    @Test
    void aNewTeachersChecklistAndSurveySentTogetherBothLand() throws Exception {
        // The dashboard sends a teacher's checklist and generative-AI survey at once; the first of a new teacher's
        // reports registers the teacher, and the two must not trip over each other doing so.
        int teachers = 25;
        for (int i = 0; i < teachers; i++) {
            String teacher = "R" + i;
            AtOnce.run(List.<Callable<Object>>of(
                    () -> training.record("T-E1", List.of(a(teacher, FY, "A-1", 4)), "teacher", true, false),
                    () -> courses.reportGenAi("T-E1", List.of(new GenAi.Report(teacher, 2025, "WEEKLY", List.of(), null)),
                            true, false)));
        }
        assertEquals(teachers, courses.genAiUse(FY, "T-E1", false).teachers());
        assertEquals(100.0, rate(training.rates(FY, "T-E1", false).items(), "A-1").rate(), "every checklist stored");
    }

    @Test
    void recordsNameOnlyTeachersOnTheSchoolsListAndTheBoardRemovesOneWithTheirRecords() {
        // A made-up teacher is refused, naming the field; so is one the school took off its list.
        InvalidInputException unknown = assertThrows(InvalidInputException.class, () -> training.record("T-E1",
                List.of(a("T1", FY, "A-1", 3), a("X99", FY, "A-1", 3)), "school", true, false));
        assertEquals("[1].teacherId", unknown.errors().get(0).field());
        assertTrue(unknown.errors().get(0).detail().contains("not on T-E1's list"), unknown.errors().toString());
        assertRefused("[0].teacherId", () -> courses.reportGenAi("T-E1",
                List.of(new GenAi.Report("X99", 2025, "DAILY", List.of(), null)), true, false));
        Course withSession = addCourseWithSession();
        assertRefused("teacherId", () -> courses.enrol(withSession.sessions().get(0).id(), withSession, "T-E1", "X99",
                false));
        assertRefused("line 2.teacher_id", () -> AssessmentCsv.parse(CsvTable.parse("teacher_id,A-1\nX99,4\n"), FY,
                training.checklist(), teachers, "T-E1"));
        assertRefused("[0].teacherId", () -> training.record("T-E2", List.of(a("T1", FY, "A-1", 3)), "school", true,
                false));
        teachers.retire("T-E1", "T8");
        assertRefused("[0].teacherId", () -> training.record("T-E1", List.of(a("T8", FY, "A-1", 3)), "school", true,
                false));
        assertTrue(training.answers("T-E1", FY).isEmpty(), "nothing of a refused batch is stored");

        // The module counts and removes what names a teacher, and tells the platform whom its records name.
        training.record("T-E1", List.of(a("T1", FY, "A-1", 3, "A-2", 4), a("T2", FY, "A-1", 2)), "school", true, false);
        courses.reportGenAi("T-E1", List.of(new GenAi.Report("T1", 2025, "DAILY", List.of(), null)), true, false);
        TrainingModule module = new TrainingModule(training, courses);
        assertEquals(3, module.teacherRecords("T-E1", "T1"));
        assertEquals(Map.of("T-E1", java.util.Set.of("T1", "T2")), module.teachersNamed());
        assertEquals(3, module.removeTeacher("T-E1", "T1"));
        assertEquals(0, module.teacherRecords("T-E1", "T1"));
        assertEquals(java.util.Set.of("T2"), training.answers("T-E1", FY).keySet());
        assertEquals(0, courses.genAiUse(FY, "T-E1", false).teachers(), "T1's survey answer went too");
    }

    /**
     * The counts the rates read are kept as answers arrive; after new answers, changed answers, a teacher's removal
     * and demo data they equal a count of the stored answers made afresh.
     */
    @Test
    void keptCountsEqualACountOfTheAnswersAfterInsertsChangesAndRemovals() {
        postTwoYears();
        assertKeptCountsAreARecount("after the first answers");
        training.record("T-E1", List.of(a("T2", FY, "A-1", 4, "B-1", 3), a("T6", FY, "A-2", 1), a("T7", FY, "A-1", 2)),
                "school", true, false);
        assertKeptCountsAreARecount("after answers changed and added");
        TrainingModule module = new TrainingModule(training, courses);
        module.removeTeacher("T-E1", "T3");
        module.removeTeacher("T-E2", "U1");
        assertKeptCountsAreARecount("after teachers were removed");
        assertEquals(6, training.rates(FY, "T-E1", false).teachers(), "T1, T2, T4, T5, T6, T7");
        assertEquals(4, training.rates(LAST, "T-E1", false).teachers(), "T3's last year went with T3");
        fillDemo(FY);
        assertKeptCountsAreARecount("after demo data");
    }

    private void assertKeptCountsAreARecount(String when) {
        String counted = "SELECT fiscal_year, school_id, item, COUNT(*), SUM(CASE WHEN answer >= 3 THEN 1 ELSE 0 END) "
                + "FROM training_answer GROUP BY fiscal_year, school_id, item ORDER BY fiscal_year, school_id, item";
        String kept = "SELECT fiscal_year, school_id, item, answered, agreeing FROM training_item_count "
                + "ORDER BY fiscal_year, school_id, item";
        assertEquals(rows(counted), rows(kept), "per item, " + when);
        assertEquals(rows("SELECT fiscal_year, school_id, COUNT(DISTINCT teacher_id), MAX(demo) FROM training_answer "
                + "GROUP BY fiscal_year, school_id ORDER BY fiscal_year, school_id"), rows("SELECT fiscal_year, "
                + "school_id, teachers, demo FROM training_school_count ORDER BY fiscal_year, school_id"),
                "per school, " + when);
    }

    private List<String> rows(String sql) {
        return db.transaction(c -> org.gigaplan.plan.service.Jdbc.list(c, sql, r -> {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                row.append(r.getString(i)).append('|');
            }
            return row.toString();
        }));
    }

    private Course addCourseWithSession() {
        Course c = courses.addCourse(course("センター研修", "BOARD_COURSE", List.of("A"), "BASIC", null), null, "board", false);
        return courses.addSession(c, new CourseService.SessionInput(java.time.LocalDate.of(2025, 6, 10), 30, null), false);
    }

    /** Fills demo data for a fiscal year into the sample schools. */
    private void fillDemo(FiscalYear fy) {
        List<School> sample = schools.all().stream().filter(School::sample).toList();
        new TrainingModule(training, courses).fillDemoData(new DemoContext() {
            public FiscalYear fiscalYear() {
                return fy;
            }

            public List<School> schools() {
                return sample;
            }

            public RandomGenerator random() {
                return new SplittableRandom(3);
            }

            public void progress(String message) {
            }
        });
    }

    @Test
    void demoDataOfTheCurrentYearIsDatedNoLaterThanToday() {
        // Today is November 30, 2026: FY2026's February is still to come, so its reports are dated today.
        FiscalYear current = FiscalYear.of(2026);
        fillDemo(current);
        assertTrue(courses.genAiUse(current, null, true).weeklyShare() > 0, "gen-AI use reports of the current year");
    }

    @Test
    void demoDataFillsTwoYearsForEverySchool() {
        fillDemo(FY);
        Rates city = training.rates(FY, null, true);
        assertTrue(city.demo());
        assertTrue(city.teachers() > 50);
        assertTrue(rate(city.categories(), "A").change() > 0, "teachers improve on the whole");
        assertTrue(rate(city.categories(), "C").rate() < rate(city.categories(), "A").rate(), "C lags A");
        assertTrue(training.ratesBySchool(FY).stream().anyMatch(Rates::suppressed), "a tiny school is suppressed");
        assertEquals(4, courses.courses(null).size());
        assertTrue(courses.genAiUse(FY, null, true).weeklyShare() > 0);
        assertTrue(courses.genAiUse(FY, null, true).trainingAttendees() > 0);
    }
}
