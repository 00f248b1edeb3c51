package org.gigaplan.environment.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;


import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.testkit.Benchmarks;
import org.gigaplan.testkit.FakeEnablement;
import org.gigaplan.testkit.FakeSchools;
import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a city's speed-test agents posting for a school year (a measurement each class hour of each school day,
 * one school-day's results per request), then the board's network views timed against the view limits. Run with
 * {@code mvn -pl bundles/environment -Pbenchmark test -Dtest=NetworkBenchmark} (after {@code mvn install});
 * {@code -Dbench.schools} (200), {@code -Dbench.days} (200 school days back from today),
 * {@code -Dbench.db=derby|postgres}.
 */
@Tag("benchmark")
class NetworkBenchmark {

    @Test
    void statusAtCityScale() {
        int schoolCount = Integer.getInteger("bench.schools", 200);
        int days = Integer.getInteger("bench.days", 200);
        String engine = Benchmarks.engine();
        TestDatabase db = TestDatabase.on(Benchmarks.database());
        FakeSchools schools = Benchmarks.city(new FakeSchools(), "N", schoolCount, 18);
        List<String> ids = schools.all().stream().map(org.gigaplan.plan.model.School::id).toList();
        NetworkService network = new NetworkService(db, schools, new FakeEnablement(), NetworkContract.CLOCK,
                NetworkContract.config());
        System.out.printf(Locale.ROOT, "%nnetwork benchmark on %s: %d schools × %d school days × 6 class hours%n", engine,
                schoolCount, days);
        SplittableRandom random = new SplittableRandom(7);
        OffsetDateTime today = OffsetDateTime.now(ZoneOffset.ofHours(9)).truncatedTo(ChronoUnit.DAYS);
        long started = System.nanoTime();
        long posted = 0;
        for (int d = days; d >= 1; d--) {
            for (String id : ids) {
                List<Measurement> day = new ArrayList<>();
                for (int hour = 0; hour < 6; hour++) {
                    // Most schools near their recommended bandwidth, some well below it.
                    double mbps = id.endsWith("7") ? 50 + random.nextInt(100) : 200 + random.nextInt(600);
                    day.add(new Measurement(id, today.minusDays(d).plusHours(9 + hour), mbps, mbps / 2,
                            10.0 + random.nextInt(20), 0.0, "SCHOOL_LAN", true, 400 + random.nextInt(300)));
                }
                posted += network.record(day, id, "bench", false).measurements();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "measurements: %,d in %,d requests (a school's day) in %.1f s = %,.0f "
                + "measurements/s%n", posted, days * schoolCount, seconds, posted / seconds);

        System.out.printf(Locale.ROOT, "%nview latency (goal: median ≤ %.0f ms, p95 ≤ %.0f ms)%n",
                Benchmarks.VIEW_MEDIAN_LIMIT_MS, Benchmarks.VIEW_P95_LIMIT_MS);
        Benchmarks.view("network status, city", () -> network.statuses(null));
        Benchmarks.view("network status, one school", () -> network.statuses("N-007"));
        Benchmarks.view("share meeting the bandwidth, city", () -> network.shareMeeting(
                FiscalYear.containing(today.toLocalDate()), null));
        Benchmarks.view("findings, city", () -> network.findings(null, false));
    }
}
