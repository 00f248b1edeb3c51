package org.gigaplan.usage.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.plan.spi.DemoContext;

/**
 * A fiscal year of synthetic policy-1 data for the demo: every school's classes check in weekly (one school
 * reports through classroom-software events instead), with schools, scenes and classes spread apart and use
 * growing through the year; school holidays are quiet; a few classes miss the year's last week; high and
 * secondary schools register their own measures; the board publishes lesson cases that schools adopt.
 */
final class UsageDemo {

    private static final String BY = "demo";
    /** How readily each scene is used, relative to scene 1: scene 5 (own pace) lags, as it does in the surveys. */
    private static final double[] SCENE_FACTOR = { 1.0, 0.85, 0.9, 0.75, 0.6 };

    private final UsageService usage;
    private final WeeklyUseService weeklyUse;
    private final MeasureService ownMeasures;
    private final CaseService lessonCases;
    private final DemoContext context;
    private final RandomGenerator random;

    UsageDemo(UsageService usage, WeeklyUseService weeklyUse, MeasureService ownMeasures, CaseService lessonCases,
            DemoContext context) {
        this.usage = usage;
        this.weeklyUse = weeklyUse;
        this.ownMeasures = ownMeasures;
        this.lessonCases = lessonCases;
        this.context = context;
        this.random = context.random();
    }

    void fill() {
        FiscalYear fy = context.fiscalYear();
        List<LocalDate> weeks = schoolWeeks(fy);
        if (weeks.isEmpty()) {
            context.progress("no school week of " + fy + " has passed yet: nothing to fill");
            return;
        }
        boolean eventSchoolChosen = false;
        for (School school : context.schools()) {
            boolean viaEvents = !eventSchoolChosen && school.type() == SchoolType.ELEMENTARY && school.classes() >= 6;
            eventSchoolChosen |= viaEvents;
            fillSchool(school, weeks, viaEvents);
        }
        fillCases();
    }

    private void fillSchool(School school, List<LocalDate> weeks, boolean viaEvents) {
        List<UsageService.ClassInput> classes = classesOf(school);
        if (classes.isEmpty()) {
            return;
        }
        usage.replaceClasses(school.id(), classes);
        // Schools differ most; classes within a school a little.
        double schoolLevel = 0.55 + 0.5 * random.nextDouble();
        List<CheckIn> checkIns = new ArrayList<>();
        List<UsageEvent> events = new ArrayList<>();
        for (UsageService.ClassInput c : classes) {
            double classLevel = schoolLevel * (0.8 + 0.4 * random.nextDouble());
            // One class in five forgets the last week: the board's reminder list has something to show.
            boolean missesLastWeek = random.nextInt(5) == 0;
            for (int w = 0; w < weeks.size(); w++) {
                LocalDate week = weeks.get(w);
                if (missesLastWeek && w == weeks.size() - 1) {
                    continue;
                }
                double growth = 0.8 + 0.4 * w / Math.max(1, weeks.size() - 1);
                List<CheckIn.SceneUse> uses = new ArrayList<>();
                for (int scene = 1; scene <= SCENE_FACTOR.length; scene++) {
                    double mean = 5.5 * classLevel * SCENE_FACTOR[scene - 1] * growth;
                    int count = (int) Math.max(0, Math.min(WeeklyUseService.MAX_COUNT, Math.round(mean + random.nextGaussian())));
                    if (viaEvents) {
                        addEvents(events, school, c, week, scene, count);
                    } else if (random.nextInt(4) == 0) {
                        // Some teachers answer on the national scale rather than count.
                        uses.add(new CheckIn.SceneUse(scene, null, answerFor(count).name()));
                    } else {
                        uses.add(new CheckIn.SceneUse(scene, count, null));
                    }
                }
                if (!uses.isEmpty()) {
                    checkIns.add(new CheckIn(school.id(), c.grade(), c.className(), week, uses));
                }
            }
        }
        for (int from = 0; from < checkIns.size(); from += 2000) {
            weeklyUse.recordCheckIns(checkIns.subList(from, Math.min(checkIns.size(), from + 2000)), null, BY, true);
        }
        for (int from = 0; from < events.size(); from += WeeklyUseService.MAX_BATCH) {
            weeklyUse.recordEvents(events.subList(from, Math.min(events.size(), from + WeeklyUseService.MAX_BATCH)), null, BY, true);
        }
        if (!school.type().carriesSceneTargets()) {
            addMeasures(school);
        }
        context.progress(school.id() + ": " + classes.size() + " classes, " + weeks.size() + " weeks"
                + (viaEvents ? ", " + events.size() + " classroom-software events" : ""));
    }

    /** {@code count} uses in a week, each in its own lesson, each sent by several devices. */
    private void addEvents(List<UsageEvent> events, School school, UsageService.ClassInput c, LocalDate week,
            int scene, int count) {
        for (int use = 0; use < count; use++) {
            int day = use % 5;
            int period = 1 + (use / 5 + scene) % 6;
            OffsetDateTime at = week.plusDays(day).atTime(8 + period, 45 - scene).atZone(usage.calendar().zone()).toOffsetDateTime();
            int devices = 2 + random.nextInt(4);
            for (int d = 0; d < devices; d++) {
                events.add(new UsageEvent(school.id(), c.grade(), c.className(), at.plusMinutes(d), scene,
                        "授業支援ソフト", "device-" + (d + 1)));
            }
        }
    }

    private static Answer answerFor(int count) {
        if (count >= 5) {
            return Answer.ALMOST_DAILY;
        }
        if (count >= 3) {
            return Answer.THREE_PLUS_A_WEEK;
        }
        return count >= 1 ? Answer.ONCE_PLUS_A_WEEK : Answer.ONCE_PLUS_A_MONTH;
    }

    /** The directory's class count, spread over the school's grades. */
    private static List<UsageService.ClassInput> classesOf(School school) {
        int grades = switch (school.type()) {
            case ELEMENTARY, SECONDARY -> 6;
            case JUNIOR_HIGH, HIGH -> 3;
            case SPECIAL_NEEDS -> 0;
        };
        List<UsageService.ClassInput> out = new ArrayList<>();
        if (grades == 0) {
            return out;
        }
        for (int i = 0; i < school.classes(); i++) {
            int grade = 1 + i % grades;
            out.add(new UsageService.ClassInput(grade, Integer.toString(1 + i / grades)));
        }
        return out;
    }

    /** Weeks of the year that have passed, without the long school holidays. */
    private List<LocalDate> schoolWeeks(FiscalYear fy) {
        SchoolCalendar.Period year = usage.calendar().year(fy);
        LocalDate last = year.lastWeek().isBefore(usage.calendar().lastWeek()) ? year.lastWeek() : usage.calendar().lastWeek();
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate w = year.firstWeek(); !w.isAfter(last); w = w.plusWeeks(1)) {
            MonthDay d = MonthDay.from(w);
            boolean holiday = (d.isAfter(MonthDay.of(7, 20)) && d.isBefore(MonthDay.of(8, 25)))
                    || d.isAfter(MonthDay.of(12, 24)) || d.isBefore(MonthDay.of(1, 6))
                    || d.isAfter(MonthDay.of(3, 24)) && d.isBefore(MonthDay.of(4, 1));
            if (!holiday) {
                out.add(w);
            }
        }
        return out;
    }

    private void addMeasures(School school) {
        FiscalYear fy = context.fiscalYear();
        String[][] measures = {
                { "探究学習の成果をクラウドで共有し、全学年で相互評価を行う", "全学年で年3回以上の相互評価" },
                { "授業支援ソフトで毎授業の振り返りを提出する", "振り返り提出率80%以上" } };
        for (String[] m : measures) {
            OwnMeasure measure = ownMeasures.addMeasure(school.id(), new MeasureService.MeasureInput(fy.year(), m[0], m[1]),
                    BY, true);
            LocalDate on = fy.start().plusMonths(2);
            for (int u = 0; u < 3 && !on.isAfter(usage.calendar().today()); u++, on = on.plusMonths(3)) {
                int percent = Math.min(100, 30 + 25 * u + random.nextInt(10));
                measure = ownMeasures.addUpdate(measure, new MeasureService.UpdateInput(on, "進捗 " + percent + "%：各学年で実施中",
                        percent), BY);
            }
        }
    }

    private static CaseService.CaseInput demoCase(String ja, String en, List<Integer> scenes, LearningType type,
            String subject, Integer grade, boolean supportSoftware) {
        return new CaseService.CaseInput(LocalizedText.of(ja, en), LocalizedText.of("【デモ】" + ja + "実践例です。",
                "[Demo] A practice case: " + en + "."), scenes, type.name(), subject, grade, null, supportSoftware);
    }

    private void fillCases() {
        List<CaseService.CaseInput> cases = List.of(
                demoCase("調べ学習で情報を集め比較する", "Collecting and comparing information in research lessons", List.of(1),
                        LearningType.INDIVIDUAL, "社会", 5, false),
                demoCase("考えをスライドにまとめて発表する", "Summarising ideas on slides and presenting them", List.of(2),
                        LearningType.COLLABORATIVE, "国語", 4, true),
                demoCase("授業支援ソフトで意見を共有し話し合う", "Sharing opinions in the classroom support software and discussing them",
                        List.of(3, 4), LearningType.COLLABORATIVE, "道徳", null, true),
                demoCase("ドリル教材で自分のペースで学ぶ", "Learning at one's own pace with digital drills", List.of(5),
                        LearningType.INDIVIDUAL, "算数", 3, false),
                demoCase("実験の記録を共同編集して考察する", "Co-editing experiment records to draw conclusions", List.of(2, 4),
                        LearningType.BOTH, "理科", 6, true),
                demoCase("英語の音読を録音して振り返る", "Recording English read-alouds and reflecting on them", List.of(3, 5),
                        LearningType.INDIVIDUAL, "英語", 2, true));
        LocalDate today = usage.calendar().today();
        FiscalYear fy = context.fiscalYear();
        LocalDate end = fy.end().isBefore(today) ? fy.end() : today;
        long days = Math.max(1, end.toEpochDay() - fy.start().toEpochDay());
        List<LessonCase> published = new ArrayList<>();
        for (int n = 0; n < cases.size(); n++) {
            // Spread over the year so far, as the board sends cases out through it.
            Instant at = fy.start().plusDays(days * n / cases.size()).atTime(9, 0).atZone(usage.calendar().zone()).toInstant();
            published.add(lessonCases.publishCase(cases.get(n), BY, true, at));
        }
        for (School s : context.schools()) {
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                LocalDate on = fy.start().plusDays(random.nextInt((int) Math.max(1, days + 1)));
                lessonCases.adopt(published.get(random.nextInt(published.size())),
                        new CaseService.AdoptionInput(s.id(), on, null), null, BY, true);
            }
        }
        context.progress(cases.size() + " lesson cases published");
    }
}
