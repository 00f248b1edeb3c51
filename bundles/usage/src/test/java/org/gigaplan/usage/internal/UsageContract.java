package org.gigaplan.usage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import javax.sql.DataSource;

import org.gigaplan.plan.csv.CsvTable;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.spi.Coverage;
import org.gigaplan.plan.spi.DemoContext;
import org.gigaplan.plan.spi.IndicatorValue;
import org.gigaplan.plan.spi.Scope;
import org.gigaplan.testkit.FakePlans;
import org.gigaplan.testkit.TestClocks;
import org.gigaplan.usage.internal.SceneAttainment.Group;
import org.gigaplan.usage.internal.SceneAttainment.SceneFigure;
import org.gigaplan.usage.internal.CheckIn.SceneUse;
import org.gigaplan.usage.internal.AttainmentService.GroupBy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The usage module's behaviour over a real database; run on Derby and on PostgreSQL. The figures asserted are
 * computed by hand in the comments from the records the tests post.
 */
abstract class UsageContract {

    static final LocalDate W1 = LocalDate.of(2025, 6, 2);
    static final LocalDate W2 = LocalDate.of(2025, 6, 9);
    static final FiscalYear FY = FiscalYear.of(2025);

    UsageFixture f;
    UsageService usage;
    WeeklyUseService weeklyUse;
    AttainmentService attainments;
    ReportingService reporting;
    MeasureService ownMeasures;
    CaseService lessonCases;

    abstract DataSource dataSource();

    @BeforeEach
    void fresh() {
        f = new UsageFixture(dataSource());
        usage = f.usage;
        weeklyUse = f.weeklyUse;
        attainments = f.attainments;
        reporting = f.reporting;
        ownMeasures = f.ownMeasures;
        lessonCases = f.lessonCases;
    }

    static SceneUse n(int scene, int count) {
        return new SceneUse(scene, count, null);
    }

    static SceneUse a(int scene, String answer) {
        return new SceneUse(scene, null, answer);
    }

    static CheckIn checkIn(String school, int grade, String name, LocalDate week, SceneUse... uses) {
        return new CheckIn(school, grade, name, week, List.of(uses));
    }

    static UsageEvent event(String school, int grade, String name, String at, int scene, String device) {
        return new UsageEvent(school, grade, name, OffsetDateTime.parse(at), scene, "授業支援ソフト", device);
    }

    /** The week of June 2, 2025, for three target-carrying schools and a high school. */
    void postWeekOne() {
        usage.replaceClasses("T-E1", List.of(new UsageService.ClassInput(1, "1"), new UsageService.ClassInput(1, "2"),
                new UsageService.ClassInput(2, "1"), new UsageService.ClassInput(2, "2")));
        weeklyUse.recordCheckIns(List.of(
                checkIn("T-E1", 1, "1", W1, n(1, 3), n(2, 5), a(3, "ほぼ毎日"), n(4, 2), n(5, 0)),
                checkIn("T-E1", 1, "2", W1, n(1, 4), n(2, 2), a(3, "THREE_PLUS_A_WEEK"), n(4, 1), n(5, 0)),
                checkIn("T-E1", 2, "1", W1, n(1, 1), n(2, 3), a(3, "ONCE_PLUS_A_WEEK"), n(4, 3), n(5, 0)),
                checkIn("T-E2", 1, "1", W1, n(1, 3), n(2, 0), n(3, 0), n(4, 0), n(5, 3)),
                checkIn("T-E2", 2, "1", W1, n(1, 0), n(2, 0), n(3, 0), n(4, 0), n(5, 0)),
                checkIn("T-J1", 1, "1", W1, n(1, 1)),
                checkIn("T-H1", 1, "1", W1, n(1, 5))), null, "board", false);
        // T-J1 1-1 through classroom software: scene 4 in three lessons (two devices in the first, twice in one
        // hour slot), scene 1 in two lessons.
        WeeklyUseService.BatchResult r = weeklyUse.recordEvents(List.of(
                event("T-J1", 1, "1", "2025-06-02T10:05:00+09:00", 4, "d1"),
                event("T-J1", 1, "1", "2025-06-02T10:20:00+09:00", 4, "d2"),
                event("T-J1", 1, "1", "2025-06-03T11:00:00+09:00", 4, "d1"),
                event("T-J1", 1, "1", "2025-06-04T09:10:00+09:00", 4, "d1"),
                event("T-J1", 1, "1", "2025-06-04T09:10:00+09:00", 1, "d1"),
                event("T-J1", 1, "1", "2025-06-05T13:30:00+09:00", 1, "d3")), "T-J1", "agent:T-J1", false);
        assertEquals(6, r.records());
        assertEquals(5, r.newUses());
    }

    @Test
    void aCheckInAndClassroomEventsForOneClassAtOnceBothLand() throws Exception {
        // The week's grid is sent while classroom software posts events of the same class: both rewrite the class's
        // weeks and year totals, and neither may fail or wait for the other's deadlock to be found.
        usage.replaceClasses("T-J1", List.of(new UsageService.ClassInput(1, "1")));
        for (int round = 0; round < 30; round++) {
            LocalDate week = W1.plusWeeks(round % 10);
            String day = week.plusDays(1) + "T";
            org.gigaplan.testkit.AtOnce.run(List.<java.util.concurrent.Callable<Object>>of(
                    () -> weeklyUse.recordCheckIns(List.of(checkIn("T-J1", 1, "1", week, n(1, 1), n(2, 2), n(3, 3), n(4, 1),
                            n(5, 1))), null, "board", false),
                    () -> weeklyUse.recordEvents(List.of(event("T-J1", 1, "1", day + "10:00:00+09:00", 3, "d1"),
                            event("T-J1", 1, "1", day + "11:00:00+09:00", 1, "d1")), "T-J1", "agent:T-J1", false)));
        }
    }

    @Test
    void anExportReadInChunksNeitherRepeatsNorSkipsWhenCheckInsArriveMeanwhile() {
        postWeekOne();
        List<WeeklyFigure> before = weeklyUse.figures(FY, null, null, 0, 1000);
        List<WeeklyFigure> read = new java.util.ArrayList<>(
                weeklyUse.figuresAfter(FY, null, null, 4));
        // A class sorting before the first chunk's last figure checks in while the export reads on: with offsets the
        // next chunk would start one figure early and repeat it.
        listWithClassZero(1);
        weeklyUse.recordCheckIns(List.of(checkIn("T-E1", 1, "0", W1, n(1, 1))), null, "board", false);
        // Chunks hold whole classes (here one class of five scenes each): read on until one comes empty.
        assertEquals(5, read.size(), "the first class whole, past the 4 asked");
        List<WeeklyFigure> next;
        while (!(next = weeklyUse.figuresAfter(FY, null, read.get(read.size() - 1), 4)).isEmpty()) {
            read.addAll(next);
        }
        assertEquals(before, read);
        assertEquals(before.size() + 1, weeklyUse.figures(FY, null, null, 0, 1000).size(), "the new figure is stored");
    }

    /** T-E1's list of {@link #postWeekOne} and a class "0" in each of these grades, registered after them. */
    void listWithClassZero(int... grades) {
        List<UsageService.ClassInput> list = new ArrayList<>(List.of(new UsageService.ClassInput(1, "1"),
                new UsageService.ClassInput(1, "2"), new UsageService.ClassInput(2, "1"),
                new UsageService.ClassInput(2, "2")));
        for (int grade : grades) {
            list.add(new UsageService.ClassInput(grade, "0"));
        }
        usage.replaceClasses("T-E1", list);
    }

    @Test
    void aPageOfTheFiguresIsTheSliceOfTheWholeListInOrderWhereverItStartsAndTheCountIsTheirNumber() {
        postWeekOne();
        // Classes registered last that sort first in their grade: the list is in the classes' order, not their ids'.
        listWithClassZero(1, 2);
        weeklyUse.recordCheckIns(List.of(checkIn("T-E1", 1, "2", W2, n(1, 2), n(4, 1)),
                checkIn("T-E2", 1, "1", W2, n(2, 1)), checkIn("T-H1", 1, "1", W2, n(1, 4), n(3, 1)),
                checkIn("T-E1", 1, "0", W2, n(1, 1)), checkIn("T-E1", 2, "0", W2, n(5, 2))), null, "board", false);
        List<WeeklyFigure> whole = wholeListByHand(List.of(W1, W2));
        assertEquals(whole.size(), weeklyUse.countFigures(FY, null, null));
        assertEquals(weeklyUse.countFigures(FY, null, W1) + weeklyUse.countFigures(FY, null, W2), whole.size());
        for (int limit : new int[] { 1, 3, 7, 50 }) {
            for (int offset = 0; offset <= whole.size() + 1; offset++) {
                assertEquals(whole.subList(Math.min(offset, whole.size()), Math.min(offset + limit, whole.size())),
                        weeklyUse.figures(FY, null, null, offset, limit), "offset " + offset + ", limit " + limit);
            }
        }
        List<WeeklyFigure> school = whole.stream().filter(f -> f.schoolId().equals("T-E1")).toList();
        assertEquals(school.size(), weeklyUse.countFigures(FY, "T-E1", null));
        assertEquals(school.subList(4, 9), weeklyUse.figures(FY, "T-E1", null, 4, 5));
        assertEquals("0", school.get(0).className(), "class 0, registered last, first");
        assertEquals(0, weeklyUse.countFigures(FiscalYear.of(2024), null, null), "no figures in another year");
        assertEquals(List.of(), weeklyUse.figures(FiscalYear.of(2024), null, null, 0, 10));
    }

    @Test
    void aYearOfManyClassesIsListedAndExportedEveryFigureOnceInTheClassesOrder() {
        // 2 schools of 30 classes (6 grades of 5), registered grade by grade across the names, so their ids run in
        // another order than the list's; 6 weeks of 5 scenes each: 1,800 figures, enough for Derby to plan the
        // classes' totals as it would for a city (grouped with the classes' columns, it answered in the ids' order).
        List<CheckIn> checkIns = new java.util.ArrayList<>();
        for (String school : List.of("T-E1", "T-E2")) {
            for (int c = 0; c < 30; c++) {
                for (int w = 0; w < 6; w++) {
                    checkIns.add(checkIn(school, 1 + c % 6, Integer.toString(1 + c / 6), W1.plusWeeks(w), n(1, c % 4),
                            n(2, 1), n(3, w), n(4, 2), n(5, 0)));
                }
            }
        }
        weeklyUse.recordCheckIns(checkIns, null, "board", false);
        List<WeeklyFigure> whole = wholeListByHand(java.util.stream.IntStream.range(0, 6).mapToObj(W1::plusWeeks)
                .toList());
        assertEquals(1800, whole.size());
        assertEquals(1800, weeklyUse.countFigures(FY, null, null));
        List<WeeklyFigure> exported = new java.util.ArrayList<>();
        List<WeeklyFigure> chunk = weeklyUse.figuresAfter(FY, null, null, 30);
        while (!chunk.isEmpty()) {
            exported.addAll(chunk);
            chunk = weeklyUse.figuresAfter(FY, null, exported.get(exported.size() - 1), 30);
        }
        assertEquals(whole, exported);
        for (int offset : new int[] { 0, 19, 20, 21, 599, 600, 1750, 1799 }) {
            assertEquals(whole.subList(offset, Math.min(offset + 50, whole.size())),
                    weeklyUse.figures(FY, null, null, offset, 50), "offset " + offset);
        }
    }

    /** The year's figures, week by week (each week read as it is), put in the list's order by hand. */
    private List<WeeklyFigure> wholeListByHand(List<LocalDate> weeks) {
        List<WeeklyFigure> whole = new java.util.ArrayList<>();
        for (LocalDate week : weeks) {
            whole.addAll(weeklyUse.figures(FY, null, week, 0, 1000));
        }
        whole.sort(java.util.Comparator.comparing(WeeklyFigure::schoolId).thenComparing(WeeklyFigure::grade)
                .thenComparing(WeeklyFigure::className).thenComparing(WeeklyFigure::week)
                .thenComparing(WeeklyFigure::scene));
        return whole;
    }

    static SceneFigure scene(Group g, int scene) {
        return g.scenes().stream().filter(s -> s.scene() == scene).findFirst().orElseThrow();
    }

    @Test
    void attainmentOfAWeekIsWhatAHandComputationGives() {
        postWeekOne();
        SceneAttainment a = attainments.attainment(usage.calendar().week(FY, W1), GroupBy.CITY, null);
        assertEquals(1, a.groups().size());
        Group city = a.groups().get(0);
        // Scene 1: E1 3,4,1 → 2 of 3; E2 3,0 → 1 of 2; J1 max(check-in 1, events 2) = 2 → 0 of 1.
        assertEquals(new SceneFigure(1, 6, 3, 50.0, 3, 2, 66.7), scene(city, 1));
        // Scene 3 (scale answers): E1 5,3,1 → 2 of 3; E2 0,0; J1 none reported.
        assertEquals(new SceneFigure(3, 5, 2, 40.0, 2, 1, 50.0), scene(city, 3));
        // Scene 4: E1 2,1,3 → 1 of 3; E2 0 of 2; J1 three lessons from events → 1 of 1.
        assertEquals(new SceneFigure(4, 6, 2, 33.3, 3, 1, 33.3), scene(city, 4));
        // The high school is reported apart.
        assertEquals(1, a.reportedApart().size());
        assertEquals("HIGH", a.reportedApart().get(0).key());
        assertEquals(new SceneFigure(1, 1, 1, 100.0, 1, 1, 100.0), scene(a.reportedApart().get(0), 1));
        // The city's trend sums schools in the database: the same figures for the week (E2 at exactly half its
        // classes meets the school rule there too), without the high school; nor, once switched off, T-E2.
        assertEquals(city.scenes(), attainments.trend(FY, null).weeks().get(0).scenes());
        f.enablement.set(UsageService.MODULE_ID, "T-E2", false, "board");
        assertEquals(attainments.attainment(usage.calendar().week(FY, W1), GroupBy.CITY, null).groups().get(0).scenes(),
                attainments.trend(FY, null).weeks().get(0).scenes());
        assertEquals(new SceneFigure(1, 4, 2, 50.0, 2, 1, 50.0), attainments.trend(FY, null).weeks().get(0).scenes().get(0));
        f.enablement.set(UsageService.MODULE_ID, "T-E2", true, "board");

        SceneAttainment bySchool = attainments.attainment(usage.calendar().week(FY, W1), GroupBy.SCHOOL, null);
        assertEquals(List.of("T-E1", "T-E2", "T-J1"), bySchool.groups().stream().map(Group::key).toList());
        SceneAttainment byGrade = attainments.attainment(usage.calendar().week(FY, W1), GroupBy.GRADE, null);
        // Grade 1 of elementary: E1 1-1 3, 1-2 4, E2 1-1 3 → 3 of 3 in scene 1.
        Group grade1 = byGrade.groups().stream().filter(g -> g.key().equals("ELEMENTARY:1")).findFirst().orElseThrow();
        assertEquals(3, scene(grade1, 1).classesMeeting());
        assertEquals(100.0, scene(grade1, 1).classShare());
        SceneAttainment one = attainments.attainment(usage.calendar().week(FY, W1), GroupBy.CITY, "T-E1");
        assertEquals(new SceneFigure(1, 3, 2, 66.7, 1, 1, 100.0), scene(one.groups().get(0), 1));
        // Class by class within a school: 1-1 3, 1-2 4, 2-1 1 in scene 1 (2-2 registered, never reported).
        SceneAttainment byClass = attainments.attainment(usage.calendar().week(FY, W1), GroupBy.CLASS, "T-E1");
        assertEquals(List.of("1-1", "1-2", "2-1"), byClass.groups().stream().map(g -> g.label().ja()).toList());
        assertEquals(List.of(1, 1, 0), byClass.groups().stream().map(g -> scene(g, 1).classesMeeting()).toList());
        assertEquals(List.of(0, 0, 1), byClass.groups().stream().map(g -> scene(g, 4).classesMeeting()).toList());
        InvalidInputException cityByClass = assertThrows(InvalidInputException.class,
                () -> attainments.attainment(usage.calendar().week(FY, W1), GroupBy.CLASS, null));
        assertEquals("by", cityByClass.errors().get(0).field());
    }

    @Test
    void aLongerPeriodAveragesEachClassOverTheWeeksItReported() {
        postWeekOne();
        weeklyUse.recordCheckIns(List.of(checkIn("T-E2", 1, "1", W2, n(1, 1))), null, "board", false);
        // E2 1-1 scene 1: (3 + 1) / 2 weeks = 2 a week → no longer meets over the year; the week alone still does.
        Group year = attainments.attainment(usage.calendar().year(FY), GroupBy.CITY, null).groups().get(0);
        assertEquals(new SceneFigure(1, 6, 2, 33.3, 3, 1, 33.3), scene(year, 1));
        Group term1 = attainments.attainment(usage.calendar().term(FY, 1), GroupBy.CITY, null).groups().get(0);
        assertEquals(scene(year, 1), scene(term1, 1));
        assertTrue(attainments.attainment(usage.calendar().term(FY, 2), GroupBy.CITY, null).groups().isEmpty());
        assertEquals(50.0, scene(attainments.attainment(usage.calendar().week(FY, W1), GroupBy.CITY, null).groups().get(0), 1)
                .classShare());

        SceneAttainment.Trend trend = attainments.trend(FY, null);
        assertEquals(List.of(W1, W2), trend.weeks().stream().map(SceneAttainment.TrendWeek::week).toList());
        assertEquals(new SceneFigure(1, 1, 0, 0.0, 1, 0, 0.0), trend.weeks().get(1).scenes().get(0));
    }

    @Test
    void aCheckInAndEventsForTheSameWeekCountTheLargerNotTheSum() {
        postWeekOne();
        // Events first said 3 lessons of scene 4 for J1 1-1; a teacher's check-in of 2 does not lower it ...
        weeklyUse.recordCheckIns(List.of(checkIn("T-J1", 1, "1", W1, n(4, 2))), null, "board", false);
        assertEquals(3, figure("T-J1", W1, 4).uses());
        // ... and one of 5 raises it; events already counted stay beside it.
        weeklyUse.recordCheckIns(List.of(checkIn("T-J1", 1, "1", W1, n(4, 5))), null, "board", false);
        var f4 = figure("T-J1", W1, 4);
        assertEquals(5, f4.uses());
        assertEquals(3, f4.eventUses());
        // The same events posted again add no use: their lesson slots are known.
        WeeklyUseService.BatchResult again = weeklyUse.recordEvents(List.of(
                event("T-J1", 1, "1", "2025-06-02T10:45:00+09:00", 4, "d9")), "T-J1", "agent", false);
        assertEquals(0, again.newUses());
        assertEquals(3, figure("T-J1", W1, 4).eventUses());
    }

    private WeeklyFigure figure(String school, LocalDate week, int scene) {
        return weeklyUse.figures(FY, school, week, 0, 100).stream().filter(x -> x.scene() == scene).findFirst().orElseThrow();
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() {
        assertRefused("[0].scenes[0].scene", () -> weeklyUse.recordCheckIns(List.of(
                checkIn("T-E1", 1, "1", W1, n(6, 3))), null, "board", false));
        assertRefused("[1].scenes[1].count", () -> weeklyUse.recordCheckIns(List.of(
                checkIn("T-E1", 1, "1", W1, n(1, 3)), checkIn("T-E1", 1, "2", W1, n(1, 3), n(2, -1))), null, "board", false));
        assertRefused("[0].week", () -> weeklyUse.recordCheckIns(List.of(
                checkIn("T-E1", 1, "1", LocalDate.of(2019, 6, 3), n(1, 3))), null, "board", false));
        assertRefused("[0].week", () -> weeklyUse.recordCheckIns(List.of(
                checkIn("T-E1", 1, "1", W1.plusDays(2), n(1, 3))), null, "board", false));
        // A week before the fiscal years the platform handles is refused, not a failure (a Monday of 1989).
        assertRefused("[0].week", () -> weeklyUse.recordCheckIns(List.of(
                checkIn("T-E1", 1, "1", LocalDate.of(1989, 4, 3), n(1, 3))), null, "board", false));
        assertRefused("[0].week", () -> weeklyUse.recordCheckIns(List.of(
                checkIn("T-E1", 1, "1", usage.calendar().currentWeek().plusWeeks(1), n(1, 3))), null, "board", false));
        assertRefused("[0].grade", () -> weeklyUse.recordCheckIns(List.of(
                checkIn("T-J1", 4, "1", W1, n(1, 3))), null, "board", false));
        assertRefused("[0].className", () -> weeklyUse.recordCheckIns(List.of(
                checkIn("T-E1", 1, "1\n2", W1, n(1, 3))), null, "board", false));
        assertRefused("[0].className", () -> weeklyUse.recordCheckIns(List.of(
                checkIn("T-E1", 1, "1\t組", W1, n(1, 3))), null, "board", false));
        assertRefused("[0].scenes[0].answer", () -> weeklyUse.recordCheckIns(List.of(
                checkIn("T-E1", 1, "1", W1, a(1, "sometimes"))), null, "board", false));
        // A school's user or agent naming a class of another school.
        assertRefused("[1].schoolId", () -> weeklyUse.recordCheckIns(List.of(
                checkIn("T-E1", 1, "1", W1, n(1, 3)), checkIn("T-E2", 1, "1", W1, n(1, 3))), "T-E1", "school", false));
        assertRefused("[0].schoolId", () -> weeklyUse.recordEvents(List.of(
                event("T-E2", 1, "1", "2025-06-02T10:05:00+09:00", 1, "d1")), "T-E1", "agent", false));
        assertRefused("[0].at", () -> weeklyUse.recordEvents(List.of(
                event("T-E1", 1, "1", "2019-06-03T10:05:00+09:00", 1, "d1")), "T-E1", "agent", false));
        assertRefused("[0].scene", () -> weeklyUse.recordEvents(List.of(
                event("T-E1", 1, "1", "2025-06-02T10:05:00+09:00", 0, "d1")), "T-E1", "agent", false));
        assertRefused("[1]", () -> weeklyUse.recordCheckIns(List.of(
                checkIn("T-E1", 1, "1", W1, n(1, 3)), checkIn("T-E1", 1, "1", W1, n(2, 1), n(1, 4))), null, "board", false));
        assertEquals(0, weeklyUse.countFigures(FY, null, null));
        assertTrue(usage.classes(null).isEmpty(), "a refused batch registers no class either");
    }

    @Test
    void recordsTakeTheirTimeFromThePlatformsClockNotTheSystems() {
        // A trial whose clock says June 4, 2025, noon: an event of the next morning is in its future, and a class
        // retired now is retired on that day, whatever the machine's date.
        TestClocks.Settable trial = TestClocks.at("2025-06-04T12:00");
        UsageFixture onTrial = new UsageFixture(dataSource(), UsageFixture.config(3, 50), trial);
        assertRefused("[0].at", () -> onTrial.weeklyUse.recordEvents(List.of(
                event("T-E1", 1, "1", "2025-06-05T09:00:00+09:00", 1, "d1")), null, "agent", false));
        onTrial.weeklyUse.recordEvents(List.of(event("T-E1", 1, "1", "2025-06-04T10:00:00+09:00", 1, "d1")), null,
                "agent", false);
        onTrial.usage.replaceClasses("T-E1", List.of(new UsageService.ClassInput(1, "2")));
        SchoolClass retired = onTrial.usage.classes("T-E1", true).stream().filter(k -> k.label().equals("1-1"))
                .findFirst().orElseThrow();
        assertEquals(trial.now(), retired.retiredAt());
    }

    static void assertRefused(String field, Runnable write) {
        InvalidInputException e = assertThrows(InvalidInputException.class, write::run);
        assertTrue(e.errors().stream().anyMatch(x -> x.field().startsWith(field)), field + " not in " + e.errors());
    }

    @Test
    void csvImportStoresAllRowsOrNoneAndNamesLineAndColumn() {
        String good = "\uFEFFschool_id,grade,class,week,scene1,scene2,scene3,scene4,scene5\n"
                + "T-E1,1,1,2025-06-02,3,週3回以上,,1,0\n"
                + "T-E1,1,2,2025/6/2,ALMOST_DAILY,0,0,0,0\n"; // as Japanese Excel saves a date
        CheckInCsv.Parsed parsed = CheckInCsv.parse(CsvTable.parse(good));
        WeeklyUseService.BatchResult r = weeklyUse.recordCheckIns(parsed.checkIns(), null, "board", false);
        assertEquals(2, r.records());
        assertEquals(9, r.cells());
        assertEquals(3, figure("T-E1", W1, 2).uses());

        InvalidInputException syntax = assertThrows(InvalidInputException.class, () -> CheckInCsv.parse(CsvTable.parse(
                "school_id,grade,class,week,scene1\nT-E1,one,1,2025-06-02,3\n")));
        assertEquals("line 2.grade", syntax.errors().get(0).field());
        CheckInCsv.Parsed semantic = CheckInCsv.parse(CsvTable.parse(
                "school_id,grade,class,week,scene1,scene2\nT-E1,1,1,2025-06-09,3,2\nT-E1,1,2,2025-06-09,,99\n"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> weeklyUse.recordCheckIns(semantic.checkIns(), null, "board", false));
        assertEquals("line 3.scene2", semantic.toCsv(e.errors().get(0)).field());
        assertEquals(0, weeklyUse.countFigures(FY, null, W2));
        // A class's week given twice names the other row by its line too, in both languages.
        CheckInCsv.Parsed twice = CheckInCsv.parse(CsvTable.parse(
                "school_id,grade,class,week,scene1\nT-E1,1,1,2025-06-09,3\nT-E1,1,1,2025/6/9,2\n"));
        InvalidInputException again = assertThrows(InvalidInputException.class,
                () -> weeklyUse.recordCheckIns(twice.checkIns(), null, "board", false));
        InvalidInputException.FieldError inCsv = twice.toCsv(again.errors().get(0));
        assertEquals("line 3.scene1", inCsv.field());
        assertTrue(inCsv.detail().endsWith("is also in line 2.scene1"), inCsv.detail());
    }

    @Test
    void anExportedFileMendedInASpreadsheetImportsBack() {
        postWeekOne();
        java.io.StringWriter exported = new java.io.StringWriter();
        CheckInCsv.write(weeklyUse.figures(FY, "T-E1", W1, 0, 1000), 3, exported, true);
        // The school corrects 1-1's scene 1 from 3 to 4 and sends the file back: the rest is as stored.
        String mended = exported.toString().replace("T-E1,1,1," + W1 + ",1,3,", "T-E1,1,1," + W1 + ",1,4,");
        assertTrue(!mended.equals(exported.toString()), exported.toString());
        CheckInCsv.Parsed parsed = CheckInCsv.parse(CsvTable.parse(mended));
        assertEquals(3, parsed.checkIns().size(), "T-E1's three classes that checked in");
        weeklyUse.recordCheckIns(parsed.checkIns(), null, "board", false);
        assertEquals(4, figure("T-E1", W1, 1).uses());
        assertEquals(5, figure("T-E1", W1, 2).uses(), "the others as they were");
        assertEquals("ALMOST_DAILY", figure("T-E1", W1, 3).checkinAnswer(), "an answer stays an answer");
        // A count mended beside an answer is not guessed at: refused, naming the cell.
        InvalidInputException both = assertThrows(InvalidInputException.class, () -> CheckInCsv.parse(CsvTable.parse(
                mended.replace("T-E1,1,1," + W1 + ",3,5,ALMOST_DAILY,", "T-E1,1,1," + W1 + ",3,2,ALMOST_DAILY,"))));
        assertTrue(both.errors().get(0).field().endsWith(".checkin_uses"), both.errors().toString());
        // A mistake in it names its line and column.
        CheckInCsv.Parsed wrong = CheckInCsv.parse(CsvTable.parse(mended.replace("T-E1,1,1," + W1 + ",1,4,",
                "T-E1,1,1," + W1 + ",1,99,")));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> weeklyUse.recordCheckIns(wrong.checkIns(), null, "board", false));
        assertTrue(wrong.toCsv(e.errors().get(0)).field().endsWith(".checkin_uses"), e.errors().toString());
    }

    @Test
    void theReminderListNamesSchoolsWithoutRecordsAndMissingClasses() {
        postWeekOne();
        List<ReportingService.Missing> missing = reporting.notReporting(W1);
        // 11 sample schools have no records; T-E1 registered 2-2, which did not report.
        assertEquals(12, missing.size());
        ReportingService.Missing e1 = missing.get(missing.size() - 1);
        assertEquals("T-E1", e1.schoolId());
        assertEquals(List.of("2-2"), e1.missingClasses());
        assertEquals(3, e1.classesReporting());
        assertEquals(11, missing.stream().filter(m -> m.classesReporting() == 0).count());
        // A school the board switched the module off for is not chased.
        f.enablement.set(UsageService.MODULE_ID, "T-E1", false, "board");
        assertFalse(reporting.notReporting(W1).stream().anyMatch(m -> m.schoolId().equals("T-E1")));
    }

    @Test
    void theWeeklyReminderTellsEachSchoolItsMissingClassesAndTheBoardTheListOnce() {
        postWeekOne();
        org.gigaplan.testkit.FakeNotifier notifier = new org.gigaplan.testkit.FakeNotifier();
        ReminderJob job = new ReminderJob(reporting, notifier, UsageFixture.config(3, 50));
        // Run on the Monday after week one, at 08:00 in Tokyo: it asks about week one.
        LocalDate monday = W1.plusWeeks(1);
        java.time.Instant due = monday.atTime(8, 0).atZone(java.time.ZoneId.of("Asia/Tokyo")).toInstant();
        String outcome = job.run(new org.gigaplan.plan.notify.ScheduledJob.Run(due, monday, due));
        assertTrue(outcome.startsWith("12 schools not reporting the week of 2025-06-02; 12 reminded"), outcome);

        List<org.gigaplan.plan.notify.Notice> toE1 = notifier.sentTo(org.gigaplan.plan.notify.Audience.school("T-E1"));
        assertEquals(1, toE1.size());
        org.gigaplan.plan.notify.Notice e1 = toE1.get(0);
        assertEquals("usage.not-reporting", e1.kind());
        assertEquals("#/record", e1.link());
        assertEquals(2025, e1.fiscalYear());
        assertTrue(e1.subject().ja().contains("テスト小学校1") && e1.subject().ja().contains("6月2日からの週"),
                e1.subject().ja());
        assertTrue(e1.body().ja().contains("未報告のクラス: 2-2（4クラス中1クラス）"), e1.body().ja());
        assertTrue(e1.body().en().contains("classes not reporting: 2-2 (1 of 4)"), e1.body().en());
        assertTrue(e1.body().ja().contains("令和7年度"), e1.body().ja());

        List<org.gigaplan.plan.notify.Notice> toBoard = notifier.sentTo(org.gigaplan.plan.notify.Audience.board());
        assertEquals(1, toBoard.size());
        assertTrue(toBoard.get(0).subject().ja().startsWith("未報告の学校 12校"), toBoard.get(0).subject().ja());
        assertTrue(toBoard.get(0).body().ja().contains("テスト小学校1（T-E1） 未報告1クラス"), toBoard.get(0).body().ja());

        // A second run for the same week (another node, a restart) sends nothing again.
        String again = job.run(new org.gigaplan.plan.notify.ScheduledJob.Run(due, monday, due.plusSeconds(60)));
        assertTrue(again.endsWith("0 reminded now"), again);
        assertEquals(13, notifier.sent().size());
        // The week after nothing came in: T-E2, which reported week one, would be reminded too, but the board switched
        // the module off for it.
        f.enablement.set(UsageService.MODULE_ID, "T-E2", false, "board");
        job.run(new org.gigaplan.plan.notify.ScheduledJob.Run(due.plus(java.time.Duration.ofDays(7)), monday.plusWeeks(1),
                due.plus(java.time.Duration.ofDays(7))));
        assertEquals(0, notifier.sentTo(org.gigaplan.plan.notify.Audience.school("T-E2")).size());
        assertEquals(2, notifier.sentTo(org.gigaplan.plan.notify.Audience.school("T-E1")).size());
    }

    @Test
    void theRostersHomeroomClassesBecomeTheClassesExpectedToReport() {
        postWeekOne();
        org.gigaplan.testkit.FakeRoster roster = new org.gigaplan.testkit.FakeRoster()
                .classes("T-E1", "1年1組", "1年2組", "3年1組").classes("T-J1", "1年1組", "1年2組")
                .classes("NOT-IN-DIRECTORY", "1年1組");
        // On start, the module takes the classes of every school the roster names (it may have been off at the import).
        RosterClasses classes = new RosterClasses(roster, usage);
        assertEquals(List.of("1-1", "1-2", "3-1"), usage.classes("T-E1").stream().map(SchoolClass::label).toList());
        assertEquals(List.of("1-1", "1-2"), usage.classes("T-J1").stream().map(SchoolClass::label).toList());
        assertEquals(List.of("2-1"), usage.classes("T-E1", true).stream().filter(SchoolClass::retired)
                .map(SchoolClass::label).toList(), "a class the roster dropped keeps its records, retired");
        // After an import, only the schools it changed; a school the roster does not name keeps its own list.
        roster.classes("T-E1", "1年1組", "1年2組", "2年1組", "3年1組");
        int e2 = usage.classes("T-E2").size();
        classes.rosterChanged(java.util.Set.of("T-E1", "T-E2"));
        assertEquals(List.of("1-1", "1-2", "2-1", "3-1"), usage.classes("T-E1").stream().map(SchoolClass::label)
                .toList());
        assertEquals(e2, usage.classes("T-E2").size());
        assertEquals(4, usage.classesExpected("T-E1"), "the roster's four classes are expected to report");
    }

    @Test
    void aSchoolThatGaveItsClassListRecordsOnlyItsClassesHoweverTheNameIsTyped() {
        usage.replaceClasses("T-E1", List.of(new UsageService.ClassInput(1, "1"), new UsageService.ClassInput(1, "2")));
        // 1-１ (a full-width digit, as a Japanese keyboard types it) and " 2" are 1-1 and 1-2: nothing new registered.
        WeeklyUseService.BatchResult r = weeklyUse.recordCheckIns(List.of(checkIn("T-E1", 1, "１", W1, n(1, 3)),
                checkIn("T-E1", 1, " 2", W1, n(1, 4))), null, "board", false);
        assertEquals(List.of(), r.classesRegistered());
        assertEquals(List.of("1-1", "1-2"), usage.classes("T-E1").stream().map(SchoolClass::label).toList());
        assertEquals(2, weeklyUse.countFigures(FY, "T-E1", W1));
        // A class not on the list is refused, naming the grade's classes, and nothing of its batch is stored.
        InvalidInputException typo = assertThrows(InvalidInputException.class, () -> weeklyUse.recordCheckIns(
                List.of(checkIn("T-E1", 1, "1", W1.plusWeeks(1), n(1, 1)), checkIn("T-E1", 1, "1組", W1, n(1, 2))),
                null, "board", false));
        assertEquals("[1].className", typo.errors().get(0).field());
        assertTrue(typo.errors().get(0).detail().contains("(grade 1: 1, 2)"), typo.errors().get(0).detail());
        assertTrue(typo.errors().get(0).japanese().contains("学級一覧"), typo.errors().get(0).japanese());
        assertEquals(0, weeklyUse.countFigures(FY, "T-E1", W1.plusWeeks(1)));
        InvalidInputException event = assertThrows(InvalidInputException.class, () -> weeklyUse.recordEvents(
                List.of(event("T-E1", 2, "1", "2025-06-03T10:00:00+09:00", 1, "d1")), "T-E1", "agent:T-E1", false));
        assertEquals("[0].className", event.errors().get(0).field());
        // An invisible right-to-left mark is no part of a name, on a list or in a record.
        InvalidInputException bidi = assertThrows(InvalidInputException.class, () -> weeklyUse.recordCheckIns(
                List.of(checkIn("T-E2", 1, "\u202e1", W1, n(1, 2))), null, "board", false));
        assertEquals("[0].className", bidi.errors().get(0).field());
        // A class stored as １ before names were normalised is the class 1 names: no twin at the upgrade.
        usage.database().transaction(c -> usage.classStore().ensure(c, "T-J1", 2, "１", false));
        WeeklyUseService.BatchResult old = weeklyUse.recordCheckIns(List.of(checkIn("T-J1", 2, "1", W1, n(1, 2))),
                null, "board", false);
        assertEquals(List.of(), old.classesRegistered());
        assertEquals(List.of("2-１"), usage.classes("T-J1").stream().map(SchoolClass::label).toList());
        assertEquals(List.of(), usage.replaceClasses("T-J1", List.of(new UsageService.ClassInput(2, "1"))).added());
        // A school that never gave its list still registers its classes from its records.
        WeeklyUseService.BatchResult first = weeklyUse.recordCheckIns(List.of(checkIn("T-E2", 1, "ひまわり", W1,
                n(1, 1))), null, "board", false);
        assertEquals(List.of("T-E2 1-ひまわり"), first.classesRegistered());
    }

    @Test
    void theClassListReplacesRetiringClassesWithRecordsAndTheBoardRemovesAMistake() {
        postWeekOne();
        long figures = weeklyUse.countFigures(FY, "T-E1", W1);
        // T-E1 listed 1-1, 1-2, 2-1 and 2-2; 1-1 … 2-1 reported. Its new list keeps 1-1 and names 3-1.
        UsageService.ClassChange change = usage.replaceClasses("T-E1", List.of(new UsageService.ClassInput(1, "1"),
                new UsageService.ClassInput(3, "1")));
        assertEquals(List.of("3-1"), change.added());
        assertEquals(List.of("1-2", "2-1"), change.retired().stream().sorted().toList(), "classes with records retire");
        assertEquals(List.of("2-2"), change.removed(), "a class without records goes");
        assertEquals(List.of("1-1", "3-1"), usage.classes("T-E1").stream().map(SchoolClass::label).toList());
        assertEquals(4, usage.classes("T-E1", true).size());
        // Retired classes keep their figures and are not chased; 3-1 is.
        assertEquals(figures, weeklyUse.countFigures(FY, "T-E1", W1));
        ReportingService.Missing e1 = reporting.notReporting(W1).stream().filter(m -> m.schoolId().equals("T-E1"))
                .findFirst().orElseThrow();
        assertEquals(List.of("3-1"), e1.missingClasses());
        // Putting the original list back lists 1-2 and 2-1 again and removes 3-1, which never reported.
        UsageService.ClassChange back = usage.replaceClasses("T-E1", List.of(new UsageService.ClassInput(1, "1"),
                new UsageService.ClassInput(1, "2"), new UsageService.ClassInput(2, "1")));
        assertEquals(List.of("1-2", "2-1"), back.relisted().stream().sorted().toList());
        assertEquals(List.of("3-1"), back.removed());
        assertEquals(3, usage.classes("T-E1").size());
        // A list longer than any school's is refused before anything is stored.
        List<UsageService.ClassInput> huge = new java.util.ArrayList<>();
        for (int i = 0; i < UsageService.MAX_CLASSES + 1; i++) {
            huge.add(new UsageService.ClassInput(1, "c" + i));
        }
        assertThrows(InvalidInputException.class, () -> usage.replaceClasses("T-E1", huge));
        assertEquals(3, usage.classes("T-E1").size());
        // The board removes 1-2 with its records.
        SchoolClass oneTwo = usage.classes("T-E1").stream().filter(k -> k.label().equals("1-2")).findFirst().orElseThrow();
        UsageService.ClassRemoval removal = usage.removeClass("T-E1", oneTwo.id()).orElseThrow();
        assertTrue(removal.records() > 0, "its weekly figures went with it");
        assertEquals(List.of("1-1", "2-1"), usage.classes("T-E1", true).stream().map(SchoolClass::label).toList());
        assertTrue(usage.removeClass("T-E2", usage.classes("T-E1").get(0).id()).isEmpty(),
                "another school's class is not found");
    }

    /**
     * Everything kept beside the weekly figures, one line per row: the schools' weekly counts, the classes' period
     * totals, the school and grade period counts, the city's weekly counts (its stripes summed).
     */
    private List<String> kept() {
        return f.db.transaction(c -> {
            List<String> out = new ArrayList<>(org.gigaplan.plan.service.Jdbc.list(c, "SELECT school_id, week, scene, "
                    + "classes, classes_meeting FROM usage_school_week", r -> "week " + r.getString(1) + " "
                            + r.getDate(2) + " " + r.getInt(3) + ": " + r.getInt(4) + "/" + r.getInt(5)));
            out.addAll(org.gigaplan.plan.service.Jdbc.list(c, "SELECT class_id, first_week, last_week, scene, weeks, uses, "
                    + "event_weeks FROM usage_class_period", r -> "class " + r.getLong(1) + " " + r.getDate(2) + ".."
                            + r.getDate(3) + " " + r.getInt(4) + ": " + r.getInt(5) + "w " + r.getLong(6) + " e"
                            + r.getInt(7)));
            out.addAll(org.gigaplan.plan.service.Jdbc.list(c, "SELECT school_id, grade, first_week, last_week, scene, "
                    + "classes, classes_meeting FROM usage_school_period", r -> "grade " + r.getString(1) + " "
                            + r.getInt(2) + " " + r.getDate(3) + ".." + r.getDate(4) + " " + r.getInt(5) + ": "
                            + r.getInt(6) + "/" + r.getInt(7)));
            out.addAll(org.gigaplan.plan.service.Jdbc.list(c, "SELECT fiscal_year, week, scene, SUM(classes), "
                    + "SUM(classes_meeting), SUM(schools), SUM(schools_meeting), SUM(demo_schools) FROM usage_city_week "
                    + "GROUP BY fiscal_year, week, scene HAVING SUM(schools) > 0", r -> "city " + r.getInt(1) + " "
                            + r.getDate(2) + " " + r.getInt(3) + ": " + r.getInt(4) + "/" + r.getInt(5) + " schools "
                            + r.getInt(6) + "/" + r.getInt(7) + " demo " + r.getInt(8)));
            return out.stream().sorted().toList();
        });
    }

    /**
     * The same, recomputed in Java from every weekly figure, for a target, a school share (%) and the calendar's
     * periods.
     */
    private List<String> recomputed(int target, int share, SchoolCalendar calendar) {
        record Row(long classId, String school, int grade, int fy, LocalDate week, int scene, int uses, int eventUses,
                boolean demo) {
        }
        List<Row> rows = f.db.transaction(c -> org.gigaplan.plan.service.Jdbc.list(c, "SELECT class_id, school_id, grade, "
                + "fiscal_year, week, scene, uses, event_uses, demo FROM usage_week", r -> new Row(r.getLong(1),
                        r.getString(2), r.getInt(3), r.getInt(4), r.getDate(5).toLocalDate(), r.getInt(6), r.getInt(7),
                        r.getInt(8), r.getInt(9) != 0)));
        java.util.Map<String, int[]> lines = new java.util.TreeMap<>();
        // Per city week and scene, then school: classes, classes meeting, demo figures.
        java.util.Map<String, java.util.Map<String, int[]>> cityWeeks = new java.util.TreeMap<>();
        for (Row w : rows) {
            int[] inCity = cityWeeks.computeIfAbsent("city " + w.fy() + " " + w.week() + " " + w.scene(),
                    k -> new java.util.TreeMap<>()).computeIfAbsent(w.school(), k -> new int[3]);
            inCity[0]++;
            inCity[1] += w.uses() >= target ? 1 : 0;
            inCity[2] += w.demo() ? 1 : 0;
            int[] week = lines.computeIfAbsent("week " + w.school() + " " + w.week() + " " + w.scene(), k -> new int[2]);
            week[0]++;
            week[1] += w.uses() >= target ? 1 : 0;
            int[] gradeWeek = lines.computeIfAbsent("grade " + w.school() + " " + w.grade() + " " + w.week() + ".."
                    + w.week() + " " + w.scene(), k -> new int[2]);
            gradeWeek[0]++;
            gradeWeek[1] += w.uses() >= target ? 1 : 0;
            for (SchoolCalendar.Period p : calendar.keptPeriods(FiscalYear.of(w.fy()))) {
                if (!w.week().isBefore(p.firstWeek()) && !w.week().isAfter(p.lastWeek())) {
                    int[] k = lines.computeIfAbsent("class " + w.classId() + " " + p.firstWeek() + ".." + p.lastWeek()
                            + " " + w.scene() + "|" + w.school() + "|" + w.grade(), x -> new int[3]);
                    k[0]++;
                    k[1] += w.uses();
                    k[2] += w.eventUses() > 0 ? 1 : 0;
                }
            }
        }
        List<String> out = new ArrayList<>();
        java.util.Map<String, int[]> grades = new java.util.TreeMap<>();
        lines.forEach((key, v) -> {
            if (key.startsWith("week ") || key.startsWith("grade ")) {
                out.add(key + ": " + v[0] + "/" + v[1]);
                return;
            }
            String[] parts = key.split("\\|");
            out.add(parts[0] + ": " + v[0] + "w " + v[1] + " e" + v[2]);
            String[] cls = parts[0].split(" ");
            int[] g = grades.computeIfAbsent("grade " + parts[1] + " " + parts[2] + " " + cls[2] + " " + cls[3],
                    x -> new int[2]);
            g[0]++;
            g[1] += v[1] >= target * v[0] ? 1 : 0;
        });
        grades.forEach((key, v) -> out.add(key + ": " + v[0] + "/" + v[1]));
        cityWeeks.forEach((key, bySchool) -> {
            int[] sum = new int[5];
            bySchool.values().forEach(v -> {
                sum[0] += v[0];
                sum[1] += v[1];
                sum[2]++;
                sum[3] += v[1] * 100 >= share * v[0] ? 1 : 0;
                sum[4] += v[2] > 0 ? 1 : 0;
            });
            out.add(key + ": " + sum[0] + "/" + sum[1] + " schools " + sum[2] + "/" + sum[3] + " demo " + sum[4]);
        });
        return out.stream().sorted().toList();
    }

    @Test
    void theKeptCountsEqualARecomputationAfterWritesRemovalsAndATargetOrTermsChange() {
        postWeekOne();
        LocalDate autumn = LocalDate.of(2025, 10, 6);
        weeklyUse.recordCheckIns(List.of(checkIn("T-E1", 1, "1", W2, n(1, 4), n(2, 1)),
                checkIn("T-E1", 1, "1", W1, n(1, 0)), checkIn("T-E1", 2, "1", autumn, n(1, 5))), null, "board", false);
        weeklyUse.recordEvents(List.of(event("T-E2", 1, "1", "2025-10-07T10:45:00+09:00", 4, "d1")), "T-E2", "agent",
                false);
        assertEquals(recomputed(3, 50, usage.calendar()), kept());
        assertTrue(kept().contains("week T-E1 " + W1 + " 1: 3/1"), kept().toString());
        // E1 grade 1 over the year, scene 1: 1-1 (0 + 4) / 2 = 2, 1-2 4 → 1 of 2.
        assertTrue(kept().contains("grade T-E1 1 2025-04-07..2026-03-30 1: 2/1"), kept().toString());
        SchoolClass oneTwo = usage.classes("T-E1").stream().filter(k -> k.label().equals("1-2")).findFirst().orElseThrow();
        usage.removeClass("T-E1", oneTwo.id());
        assertEquals(recomputed(3, 50, usage.calendar()), kept());
        assertTrue(kept().contains("week T-E1 " + W1 + " 1: 2/0"), kept().toString());
        assertTrue(kept().contains("grade T-E1 1 2025-04-07..2026-03-30 1: 1/0"), kept().toString());

        // The board's target goes to 4 uses a week: the module starts again and counts again.
        UsageService four = new UsageService(f.db, FakePlans.shipped(), f.schools, f.enablement, UsageFixture.CLOCK,
                UsageFixture.config(4, 50));
        assertEquals(recomputed(4, 50, four.calendar()), kept());
        SceneAttainment.Trend trend = new AttainmentService(four, f.enablement).trend(FY, "T-J1");
        // T-J1 1-1, W1: scene 4 counted in 3 lessons: meets 3 a week, not 4.
        assertEquals(0, trend.weeks().get(0).scenes().stream().filter(x -> x.scene() == 4).findFirst().orElseThrow()
                .classesMeeting());
        // Nothing to redo when the basis is the same.
        assertEquals(new org.gigaplan.usage.internal.store.KeptCounts.Recounted(false, false, false),
                org.gigaplan.usage.internal.store.KeptCounts.ensureKept(f.db, four.basis()));

        // Three terms instead of two: the periods are counted again for the new terms.
        UsageService threeTerms = new UsageService(f.db, FakePlans.shipped(), f.schools, f.enablement,
                UsageFixture.CLOCK, UsageFixture.config(4, 50, "04-01", "09-01", "01-01"));
        assertEquals(recomputed(4, 50, threeTerms.calendar()), kept());
        assertTrue(kept().stream().anyMatch(line -> line.contains("2025-04-07..2025-08-25")), kept().toString());
        AttainmentService threeTermViews = new AttainmentService(threeTerms, f.enablement);
        assertEquals(threeTermViews.attainment(threeTerms.calendar().term(FY, 2), GroupBy.SCHOOL, null).groups()
                .stream().map(Group::key).toList(), List.of("T-E1", "T-E2"), "the autumn records are in term 2 of 3");

        // A school meets a scene when all its reporting classes do: the city's weekly counts are counted again.
        UsageService allClasses = new UsageService(f.db, FakePlans.shipped(), f.schools, f.enablement,
                UsageFixture.CLOCK, UsageFixture.config(4, 100, "04-01", "09-01", "01-01"));
        assertEquals(recomputed(4, 100, allClasses.calendar()), kept());
        assertEquals(new org.gigaplan.usage.internal.store.KeptCounts.Recounted(false, false, false),
                org.gigaplan.usage.internal.store.KeptCounts.ensureKept(f.db, allClasses.basis()));
        // Sums apart from the schools' (a node of the version before wrote a school's week without them).
        f.db.transaction(c -> org.gigaplan.plan.service.Jdbc.update(c, "UPDATE usage_city_week SET classes = classes + 1 "
                + "WHERE week = ?", W1));
        assertTrue(org.gigaplan.usage.internal.store.KeptCounts.ensureKept(f.db, allClasses.basis()).city());
        assertEquals(recomputed(4, 100, allClasses.calendar()), kept());
    }

    @Test
    void aRealCheckInOverTheOnlyDemoFigureClearsTheDemoMarkOfWhatIsKept() {
        // Kept by difference, a demo mark could only be raised: a real figure replacing the demo one lowers it.
        weeklyUse.recordCheckIns(List.of(checkIn("T-E1", 1, "1", W1, n(1, 4))), null, "demo", true);
        assertEquals(List.of(1, 1, 1), keptDemoMarks("T-E1"));
        weeklyUse.recordEvents(List.of(event("T-E1", 1, "1", "2025-06-03T10:45:00+09:00", 1, "d1")), "T-E1", "agent",
                false);
        assertEquals(List.of(1, 1, 1), keptDemoMarks("T-E1"), "real events added to a demo figure leave it demo");
        weeklyUse.recordCheckIns(List.of(checkIn("T-E1", 1, "1", W1, n(1, 2))), null, "board", false);
        assertEquals(List.of(0, 0, 0), keptDemoMarks("T-E1"));
        assertEquals(recomputed(3, 50, usage.calendar()), kept());
        assertTrue(kept().contains("class " + usage.classes("T-E1").get(0).id() + " 2025-04-07..2026-03-30 1: 1w 2 e1"),
                kept().toString());
    }

    /** The highest demo mark kept for a school: in its weekly counts, its classes' totals, its grades' counts. */
    private List<Integer> keptDemoMarks(String school) {
        return f.db.transaction(c -> {
            List<Integer> out = new ArrayList<>();
            for (String table : List.of("usage_school_week", "usage_class_period", "usage_school_period")) {
                out.add(org.gigaplan.plan.service.Jdbc.first(c, "SELECT MAX(demo) FROM " + table + " WHERE school_id = ?",
                        r -> r.getInt(1), school).orElseThrow());
            }
            return out;
        });
    }

    @Test
    void writersOfOneSchoolAtOnceAllLandAndTheKeptCountsAddUp() throws Exception {
        // Four teachers' check-ins and classroom software's events for other classes of the same school, at once:
        // they share the school's kept counts, so they must queue, not deadlock or lose a count.
        List<Thread> writers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int n = t;
            writers.add(new Thread(() -> {
                try {
                    for (int k = 0; k < 15; k++) {
                        LocalDate week = W1.plusWeeks(k % 5);
                        if (n == 3) {
                            weeklyUse.recordEvents(List.of(event("T-E1", 2, "2", week + "T10:45:00+09:00", 1 + k % 5,
                                    "d" + k)), "T-E1", "agent", false);
                        } else {
                            weeklyUse.recordCheckIns(List.of(checkIn("T-E1", 1 + n % 2, "w" + n, week, n(1, k % 6),
                                    n(4, (k + n) % 6))), null, "board", false);
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        writers.forEach(Thread::start);
        for (Thread w : writers) {
            w.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(recomputed(3, 50, usage.calendar()), kept());
        assertEquals(3 * 5 * 2 + 5, weeklyUse.figures(FY, "T-E1", null, 0, 1000).size(),
                "three classes' five weeks in two scenes, and the events' class in five");
    }

    @Test
    void schoolsSwitchedOffAreLeftOutOfCityFigures() {
        postWeekOne();
        f.enablement.set(UsageService.MODULE_ID, "T-J1", false, "board");
        // Scene 4 without J1: E1 1 of 3, E2 0 of 2.
        Group city = attainments.attainment(usage.calendar().week(FY, W1), GroupBy.CITY, null).groups().get(0);
        assertEquals(new SceneFigure(4, 5, 1, 20.0, 2, 0, 0.0), scene(city, 4));
        // The city's trend is its kept weekly counts less the school switched off (and those without scene targets).
        SceneAttainment.TrendWeek w1 = attainments.trend(FY, null).weeks().get(0);
        assertEquals(W1, w1.week());
        assertEquals(new SceneFigure(4, 5, 1, 20.0, 2, 0, 0.0),
                w1.scenes().stream().filter(x -> x.scene() == 4).findFirst().orElseThrow());
        f.enablement.set(UsageService.MODULE_ID, "T-J1", true, "board");
        assertEquals(3, attainments.trend(FY, null).weeks().get(0).scenes().stream().filter(x -> x.scene() == 4)
                .findFirst().orElseThrow().schools(), "J1 back in");
    }

    @Test
    void theSceneIndicatorsAreTheShareOfSchoolsForTheCityAndOfClassesForASchool() {
        postWeekOne();
        UsageModule module = new UsageModule(usage, attainments, weeklyUse, ownMeasures, lessonCases);
        IndicatorValue city = module.value("usage.scene1", Scope.city(), FY).orElseThrow();
        assertEquals(66.7, city.value());
        assertEquals(3L, city.sampleSize());
        assertFalse(city.demo());
        IndicatorValue e1 = module.value("usage.scene1", Scope.school("T-E1"), FY).orElseThrow();
        assertEquals(66.7, e1.value());
        assertEquals(3L, e1.sampleSize());
        assertTrue(module.value("usage.scene1", Scope.city(), FiscalYear.of(2024)).isEmpty());
        assertTrue(module.value("usage.scene3", Scope.school("T-H1"), FY).isEmpty(), "high schools have own measures");
    }

    @Test
    void ownMeasuresAreForHighAndSecondarySchoolsAndShowBesideTheirFigures() {
        postWeekOne();
        assertRefused("schoolId", () -> ownMeasures.addMeasure("T-E1", new MeasureService.MeasureInput(2025, "x", "y"), "board"));
        assertRefused("fiscalYear", () -> ownMeasures.addMeasure("T-H1", new MeasureService.MeasureInput(2019, "x", "y"), "board"));
        OwnMeasure m = ownMeasures.addMeasure("T-H1", new MeasureService.MeasureInput(2025, "探究で端末を活用", "全学年で実施"), "school");
        OwnMeasure updated = ownMeasures.addUpdate(m, new MeasureService.UpdateInput(LocalDate.of(2025, 7, 1), "1年で実施", 30), "school");
        assertEquals(1, updated.updates().size());
        assertEquals(30, updated.updates().get(0).percent());
        assertRefused("percent", () -> ownMeasures.addUpdate(m, new MeasureService.UpdateInput(LocalDate.of(2025, 7, 1), "x", 130), "s"));
        assertRefused("date", () -> ownMeasures.addUpdate(m, new MeasureService.UpdateInput(LocalDate.of(2024, 7, 1), "x", 10), "s"));
        SceneAttainment bySchool = attainments.attainment(usage.calendar().year(FY), GroupBy.SCHOOL, null);
        Group h1 = bySchool.reportedApart().get(0);
        assertEquals("T-H1", h1.key());
        assertEquals("探究で端末を活用", h1.measures().get(0).text());
    }

    @Test
    void policyOnesEvidenceSaysWhatItCountsAndHowManyReported() {
        postWeekOne();
        UsageModule module = new UsageModule(usage, attainments, weeklyUse, ownMeasures, lessonCases);
        // Of the schools carrying the scene targets (T-E1, T-E2, T-J1 and the sample directory's elementary and
        // junior high schools; T-H1 is a high school), three reported: the share is over them, the coverage says so.
        int carrying = (int) f.schools.all().stream().filter(s -> s.type().carriesSceneTargets()).count();
        assertEquals(11, carrying);
        IndicatorValue scene1 = module.value("usage.scene1", Scope.city(), FY).orElseThrow();
        assertEquals(Coverage.schools(3, carrying), scene1.coverage());
        assertEquals(27.3, scene1.coverage().share(), "3 of 11: too few to judge at the default 80 %");
        // T-E1 registered four classes; three of them reported scene 1.
        assertEquals(new Coverage(3, 4, Coverage.CLASSES), module.value("usage.scene1", Scope.school("T-E1"), FY)
                .orElseThrow().coverage());

        // P1-S2: T-J1 1-1 is the only class with classroom-software records, and they show scene 4: 1 of 1.
        IndicatorValue dialogue = module.value(UsageEvidence.DIALOGUE, Scope.city(), FY).orElseThrow();
        assertEquals(100.0, dialogue.value());
        assertEquals(1L, dialogue.sampleSize());
        // A T-E2 class whose software records only scene 1: 1 of 2 classes.
        weeklyUse.recordEvents(List.of(event("T-E2", 1, "1", "2025-06-09T10:05:00+09:00", 1, "d1")), "T-E2", "agent", false);
        assertEquals(50.0, module.value(UsageEvidence.DIALOGUE, Scope.city(), FY).orElseThrow().value());
        assertEquals(0.0, module.value(UsageEvidence.DIALOGUE, Scope.school("T-E2"), FY).orElseThrow().value());
        assertTrue(module.value(UsageEvidence.DIALOGUE, Scope.school("T-E1"), FY).isEmpty(), "no software records");

        // P1-B1: cases published this fiscal year, and the schools served (the 15 of the directory) that adopted one.
        FiscalYear current = UsageFixture.CLOCK.currentFiscalYear();
        LessonCase lesson = lessonCases.publishCase(new CaseService.CaseInput(LocalizedText.of("意見を共有する", "Sharing"),
                LocalizedText.of("共有", "Shared"), List.of(4), "COLLABORATIVE", "道徳", 5, null, true), "board");
        assertEquals(1.0, module.value(UsageEvidence.LESSON_CASES, Scope.city(), current).orElseThrow().value());
        assertEquals(0.0, module.value(UsageEvidence.LESSON_CASES, Scope.city(), current.previous()).orElseThrow()
                .value(), "published this year, not last");
        lessonCases.adopt(lesson, new CaseService.AdoptionInput("T-E1", null, null), null, "board");
        IndicatorValue adoption = module.value(UsageEvidence.CASE_ADOPTION, Scope.city(), current).orElseThrow();
        assertEquals(6.7, adoption.value(), "1 of 15 schools");
        assertEquals(15L, adoption.sampleSize());
        assertEquals(100.0, module.value(UsageEvidence.CASE_ADOPTION, Scope.school("T-E1"), current).orElseThrow().value());
        assertEquals(0.0, module.value(UsageEvidence.CASE_ADOPTION, Scope.school("T-E2"), current).orElseThrow().value());
        assertTrue(module.indicatorIds().containsAll(List.of(UsageEvidence.LESSON_CASES, UsageEvidence.CASE_ADOPTION,
                UsageEvidence.DIALOGUE)));
    }

    @Test
    void lessonCasesArePublishedSearchedAdoptedAndWithdrawn() {
        LessonCase collab = lessonCases.publishCase(new CaseService.CaseInput(LocalizedText.of("意見を共有する", "Sharing opinions"),
                LocalizedText.of("授業支援ソフトで共有", "Shared in the support software"), List.of(4, 3), "COLLABORATIVE",
                "道徳", 5, null, true), "board");
        LessonCase own = lessonCases.publishCase(new CaseService.CaseInput(LocalizedText.of("ドリル", "Drills"),
                LocalizedText.of("自分のペースで", "At one's own pace"), List.of(5), "個別最適な学び", "算数", null,
                "ELEMENTARY", false), "board");
        assertEquals(List.of(3, 4), collab.scenes());
        assertEquals(LearningType.INDIVIDUAL, own.learningType());
        assertRefused("scenes[0]", () -> lessonCases.publishCase(new CaseService.CaseInput(LocalizedText.of("a", "a"),
                LocalizedText.of("b", "b"), List.of(9), "BOTH", "国語", null, null, null), "board"));

        assertEquals(List.of(collab.id()), ids(new LessonCase.Query(null, 4, null, null, null, null, null)));
        assertEquals(List.of(collab.id()), ids(new LessonCase.Query("support software", null, null, null, null, null, null)));
        assertEquals(List.of(own.id()), ids(new LessonCase.Query(null, null, LearningType.INDIVIDUAL, null, 3, null, false)));
        assertEquals(List.of(own.id(), collab.id()), ids(new LessonCase.Query(null, null, null, null, null, null, null)));
        assertEquals(List.of(), ids(new LessonCase.Query("100%_", null, null, null, null, null, null)));

        lessonCases.adopt(collab, new CaseService.AdoptionInput(null, LocalDate.of(2025, 6, 3), "5年2組で実施"), "T-E1", "school");
        lessonCases.adopt(collab, new CaseService.AdoptionInput(null, LocalDate.of(2025, 7, 3), null), "T-E1", "school");
        lessonCases.adopt(collab, new CaseService.AdoptionInput("T-E2", null, null), null, "board");
        assertRefused("schoolId", () -> lessonCases.adopt(collab, new CaseService.AdoptionInput("T-E2", null, null), "T-E1", "s"));
        LessonCase counted = lessonCases.lessonCase(collab.id()).orElseThrow();
        assertEquals(3, counted.adoptions());
        assertEquals(2, counted.adoptingSchools());
        assertEquals(2L, lessonCases.adoptionsBySchool().get("T-E1"));
        assertEquals(2, lessonCases.adoptions("T-E1", 0, 10).size());

        assertTrue(lessonCases.withdrawCase(own.id()));
        assertTrue(lessonCases.lessonCase(own.id()).isEmpty());
        assertEquals(1, lessonCases.countCases(new LessonCase.Query(null, null, null, null, null, null, null)));
        assertFalse(lessonCases.withdrawCase(own.id()));
    }

    private List<Long> ids(LessonCase.Query q) {
        return lessonCases.searchCases(q, 0, 50).stream().map(LessonCase::id).toList();
    }

    @Test
    void demoDataFillsAYearForEverySampleSchoolMarkedAsDemo() {
        List<School> sample = f.schools.all().stream().filter(School::sample).toList();
        List<String> progress = new ArrayList<>();
        new UsageModule(usage, attainments, weeklyUse, ownMeasures, lessonCases).fillDemoData(new DemoContext() {
            @Override
            public FiscalYear fiscalYear() {
                return FY;
            }

            @Override
            public List<School> schools() {
                return sample;
            }

            @Override
            public RandomGenerator random() {
                return new SplittableRandom(1);
            }

            @Override
            public void progress(String message) {
                progress.add(message);
            }
        });
        SceneAttainment bySchool = attainments.attainment(usage.calendar().year(FY), GroupBy.SCHOOL, null);
        assertTrue(bySchool.demo());
        long targetSchools = sample.stream().filter(s -> s.type().carriesSceneTargets()).count();
        assertEquals(targetSchools, bySchool.groups().size());
        // Schools and scenes spread apart: not every school's share is the same in every scene.
        assertTrue(bySchool.groups().stream().flatMap(g -> g.scenes().stream()).map(SceneFigure::classShare).distinct()
                .count() > 3);
        assertFalse(bySchool.reportedApart().isEmpty());
        assertTrue(bySchool.reportedApart().stream().anyMatch(g -> !g.measures().isEmpty()));
        assertTrue(lessonCases.countCases(new LessonCase.Query(null, null, null, null, null, null, null)) > 0);
        assertTrue(progress.stream().anyMatch(p -> p.contains("classroom-software events")), progress.toString());
    }
}
