package org.gigaplan.outreach.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;


import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.testkit.Benchmarks;
import org.gigaplan.testkit.FakeEnablement;
import org.gigaplan.testkit.FakePlans;
import org.gigaplan.testkit.FakeSchools;
import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a city's meetings of a fiscal year (staff meetings through the year at every school, parent meetings at
 * most of them), then the board's compliance and staff-meeting views timed against the view limits. Run with
 * {@code mvn -pl bundles/outreach -Pbenchmark test} (after {@code mvn install}); {@code -Dbench.schools} (200),
 * {@code -Dbench.db=derby|postgres}.
 */
@Tag("benchmark")
class OutreachBenchmark {

    private static final FiscalYear FY = FiscalYear.of(2025);

    @Test
    void complianceAtCityScale() {
        int schoolCount = Integer.getInteger("bench.schools", 200);
        String engine = Benchmarks.engine();
        TestDatabase db = TestDatabase.on(Benchmarks.database());
        FakeSchools schools = Benchmarks.city(new FakeSchools(), "M", schoolCount, 18);
        PostService posts = new PostService(db, OutreachContract.CLOCK);
        MeetingService meetings = new MeetingService(db, schools, new FakeEnablement(), FakePlans.shipped(), posts,
                OutreachContract.config());
        SplittableRandom random = new SplittableRandom(5);
        long started = System.nanoTime();
        int stored = 0;
        for (int s = 0; s < schoolCount; s++) {
            String id = String.format(Locale.ROOT, "M-%03d", s);
            List<Meeting.Input> staff = new ArrayList<>();
            for (int m = 0; m < 20; m++) {
                staff.add(new Meeting.Input(FY.start().plusDays(7 + 16L * m + random.nextInt(5)), null,
                        List.of("授業支援ソフトの活用事例"), List.of("P4-S1"), 20 + random.nextInt(30), null));
            }
            stored += meetings.record(Meeting.Kind.STAFF, id, staff, "bench", false);
            if (s % 4 != 3) {
                stored += meetings.record(Meeting.Kind.PARENT, id, List.of(new Meeting.Input(
                        LocalDate.of(2025, 6, 2).plusDays(random.nextInt(200)), null, List.of("家庭での端末の使い方"),
                        null, 30 + random.nextInt(100), null)), "bench", false);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "%noutreach benchmark on %s: %d schools, %,d meetings stored in %.1f s%n", engine,
                schoolCount, stored, seconds);
        System.out.printf(Locale.ROOT, "view latency (goal: median ≤ %.0f ms, p95 ≤ %.0f ms)%n",
                Benchmarks.VIEW_MEDIAN_LIMIT_MS, Benchmarks.VIEW_P95_LIMIT_MS);
        Benchmarks.view("parent-meeting compliance, city", () -> meetings.compliance(FY, null));
        Benchmarks.view("staff meetings per term, city", () -> meetings.staffCounts(FY, null));
    }
}
