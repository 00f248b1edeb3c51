package org.gigaplan.usage.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.spi.Coverage;
import org.gigaplan.plan.spi.IndicatorValue;
import org.gigaplan.plan.spi.Percent;
import org.gigaplan.plan.spi.Scope;
import org.gigaplan.usage.internal.SceneAttainment.SceneFigure;
import org.gigaplan.usage.internal.store.CaseStore;

/**
 * Policy 1's evidence beside the scene targets: lesson cases published (P1-B1), schools that adopted one (P1-B1),
 * classes talking and sharing ideas in classroom support software (P1-S2), and how many of the schools or classes
 * expected reported the scene figures.
 */
final class UsageEvidence {

    static final String LESSON_CASES = "usage.lesson-cases";
    static final String CASE_ADOPTION = "usage.case-adoption";
    static final String DIALOGUE = "usage.dialogue-lessons";

    /** Scenes of students exchanging with each other (4) and summarising and presenting their ideas (2). */
    static final Set<Integer> DIALOGUE_SCENES = Set.of(2, 4);

    private static final LocalizedText CASES_NOTE = LocalizedText.of("当該年度に配信し、取り下げていない授業事例",
            "Lesson cases published in the fiscal year and not withdrawn");
    private static final LocalizedText ADOPTION_NOTE = LocalizedText.of("モジュールを使う学校のうち、授業事例を取り入れたと記録した学校の割合",
            "Share of the schools the module serves that recorded adopting a lesson case");
    private static final LocalizedText DIALOGUE_NOTE = LocalizedText.of(
            "授業支援ソフトの記録がある学級のうち、場面②または④の記録がある学級の割合",
            "Share of the classes with classroom-software records that show scene 2 or 4");

    private final UsageService usage;

    UsageEvidence(UsageService usage) {
        this.usage = usage;
    }

    /** A scene figure as the roll-up states it: schools meeting (city) or classes meeting (school), with coverage. */
    IndicatorValue scene(SceneFigure f, Scope scope, SceneAttainment a, LocalizedText cityNote, LocalizedText schoolNote) {
        if (scope.isCity()) {
            int expected = (int) usage.servedSchools().stream().filter(s -> s.type().carriesSceneTargets()).count();
            return new IndicatorValue(f.schoolShare(), (long) f.schools(), a.asOf(), cityNote, a.demo(),
                    Coverage.schools(f.schools(), Math.max(expected, f.schools())));
        }
        int expected = usage.classesExpected(scope.schoolId());
        return new IndicatorValue(f.classShare(), (long) f.classes(), a.asOf(), schoolNote, a.demo(),
                new Coverage(f.classes(), Math.max(expected, f.classes()), Coverage.CLASSES));
    }

    /** The board's cases published in the year up to today: the same figure for the city and each school. */
    Optional<IndicatorValue> lessonCases(FiscalYear fy) {
        if (fy.start().isAfter(usage.calendar().today())) {
            return Optional.empty();
        }
        Instant from = fy.startIn(usage.calendar().zone());
        Instant to = fy.endIn(usage.calendar().zone());
        CaseStore.Count published = usage.caseStore().publishedBetween(from, to);
        return Optional.of(new IndicatorValue(published.count(), null, now(), CASES_NOTE, published.demo()));
    }

    /** Schools that adopted a case in the year, of the schools served (a school: 100 or 0). */
    Optional<IndicatorValue> caseAdoption(Scope scope, FiscalYear fy) {
        LocalDate today = usage.calendar().today();
        if (fy.start().isAfter(today)) {
            return Optional.empty();
        }
        Map<String, Boolean> adopting = usage.caseStore().schoolsAdopting(fy.start(), fy.end());
        if (!scope.isCity()) {
            return Optional.of(new IndicatorValue(adopting.containsKey(scope.schoolId()) ? 100 : 0, 1L, now(),
                    ADOPTION_NOTE, adopting.getOrDefault(scope.schoolId(), false)));
        }
        List<String> served = usage.servedSchools().stream().map(School::id).toList();
        long adopted = adopting.keySet().stream().filter(served::contains).count();
        boolean demo = adopting.entrySet().stream().anyMatch(e -> e.getValue() && served.contains(e.getKey()));
        Double share = Percent.of(adopted, served.size());
        return share == null ? Optional.empty()
                : Optional.of(new IndicatorValue(share, (long) served.size(), now(), ADOPTION_NOTE, demo));
    }

    /** Classes with classroom-software records whose records show dialogue or shared ideas. */
    Optional<IndicatorValue> dialogue(Scope scope, FiscalYear fy) {
        Map<String, int[]> bySchool = usage.weekQueries().eventClasses(usage.calendar().year(fy), DIALOGUE_SCENES);
        List<String> served = usage.servedSchools().stream().map(School::id).toList();
        int withEvents = 0;
        int inScenes = 0;
        boolean demo = false;
        for (Map.Entry<String, int[]> e : bySchool.entrySet()) {
            if (scope.isCity() ? served.contains(e.getKey()) : e.getKey().equals(scope.schoolId())) {
                withEvents += e.getValue()[0];
                inScenes += e.getValue()[1];
                demo |= e.getValue()[2] > 0;
            }
        }
        Double share = Percent.of(inScenes, withEvents);
        return share == null ? Optional.empty()
                : Optional.of(new IndicatorValue(share, (long) withEvents, now(), DIALOGUE_NOTE, demo));
    }

    /** The platform's now: an indicator value's time. */
    private Instant now() {
        return usage.clock().now();
    }
}
