package org.gigaplan.training.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;


import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.testkit.Benchmarks;
import org.gigaplan.testkit.FakeEnablement;
import org.gigaplan.testkit.FakePlans;
import org.gigaplan.testkit.FakeSchools;
import org.gigaplan.testkit.FakeTeachers;
import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a city's checklist answers for two fiscal years (every teacher answering every item, posted a school at a
 * time as a school's upload), then the board's training views timed against the view limits. Run with
 * {@code mvn -pl bundles/training -Pbenchmark test} (after {@code mvn install}); {@code -Dbench.schools} (200),
 * {@code -Dbench.teachers} (40 a school), {@code -Dbench.db=derby|postgres}.
 */
@Tag("benchmark")
class TrainingBenchmark {

    private static final FiscalYear FY = FiscalYear.of(2025);

    @Test
    void ratesAtCityScale() {
        int schoolCount = Integer.getInteger("bench.schools", 200);
        int perSchool = Integer.getInteger("bench.teachers", 40);
        String engine = Benchmarks.engine();
        TestDatabase db = TestDatabase.on(Benchmarks.database());
        FakeSchools schools = Benchmarks.city(new FakeSchools(), "B", schoolCount, 18);
        FakeTeachers teachers = new FakeTeachers();
        List<String> ids = schools.all().stream().map(org.gigaplan.plan.model.School::id).toList();
        for (String id : ids) {
            for (int t = 0; t < perSchool; t++) {
                teachers.list(id, String.format(Locale.ROOT, "T%02d", t));
            }
        }
        TrainingService training = new TrainingService(db, FakePlans.shipped(), schools, new FakeEnablement(),
                PlanClock.fixedAt(LocalDate.of(2026, 11, 30)), teachers);
        List<String> items = training.checklist().items().stream().map(Checklist.Item::code).toList();
        System.out.printf(Locale.ROOT, "%ntraining benchmark on %s: %d schools × %d teachers × %d items × 2 fiscal years%n",
                engine, schoolCount, perSchool, items.size());

        SplittableRandom random = new SplittableRandom(3);
        long started = System.nanoTime();
        long answers = 0;
        for (FiscalYear fy : List.of(FY.previous(), FY)) {
            for (String id : ids) {
                List<Assessment> upload = new ArrayList<>();
                for (int t = 0; t < perSchool; t++) {
                    Map<String, Integer> answered = new LinkedHashMap<>();
                    for (String item : items) {
                        answered.put(item, 1 + random.nextInt(4));
                    }
                    upload.add(new Assessment(String.format(Locale.ROOT, "T%02d", t), fy.year(), null, answered));
                }
                answers += training.record(id, upload, "bench", true, false).answers();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "answers: %,d in %d school uploads in %.1f s = %,.0f answers/s%n", answers,
                2 * schoolCount, seconds, answers / seconds);

        System.out.printf(Locale.ROOT, "%nview latency (goal: median ≤ %.0f ms, p95 ≤ %.0f ms)%n",
                Benchmarks.VIEW_MEDIAN_LIMIT_MS, Benchmarks.VIEW_P95_LIMIT_MS);
        Benchmarks.view("training rates, city", () -> training.rates(FY, null, true));
        Benchmarks.view("training rates, one school", () -> training.rates(FY, "B-007", true));
        Benchmarks.view("training rates, every school", () -> training.ratesBySchool(FY));
        Benchmarks.view("schools answering (coverage)", () -> training.schoolsAnswering(FY));
    }
}
