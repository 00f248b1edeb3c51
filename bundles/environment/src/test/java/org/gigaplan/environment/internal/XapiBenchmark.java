package org.gigaplan.environment.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.gigaplan.testkit.FakeEnablement;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.testkit.FakeSchools;

import org.gigaplan.testkit.Benchmarks;
import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: posts xAPI statements through the service (validation, pseudonymisation and all) in batches of a
 * drill's upload and prints the ingest rate and the latency of a class's view at that size. Run with
 * {@code mvn -pl bundles/environment -Pbenchmark test -Dtest=XapiBenchmark} (after {@code mvn install});
 * {@code -Dbench.statements}
 * (1000000), {@code -Dbench.years} (1: the statements spread over that many school years, posted a year after the
 * other as they would arrive, ending with FY2025, where the views are read), {@code -Dbench.db=derby|postgres}.
 */
@Tag("benchmark")
class XapiBenchmark {

    @Test
    void ingestAndTheClassView() {
        long total = Long.getLong("bench.statements", 1_000_000L);
        int years = Integer.getInteger("bench.years", 1);
        String engine = Benchmarks.engine();
        DataSource ds = Benchmarks.database();
        TestDatabase db = TestDatabase.on(ds);
        FakeSchools schools = Benchmarks.city(new FakeSchools(), "X", 50, 18);
        NetworkService network = new NetworkService(db, schools, new FakeEnablement(), NetworkContract.CLOCK,
                NetworkContract.config());
        XapiService xapi = new XapiService(db, network, new org.gigaplan.testkit.FakeRoster());
        System.out.printf(Locale.ROOT, "%nxAPI benchmark on %s: %,d statements over %d school year(s), 50 schools × 18 "
                + "classes × 30 learners%n", engine, total, years);
        SplittableRandom random = new SplittableRandom(11);
        LocalDate start = LocalDate.of(2025, 4, 7);
        double plainBefore = rawInsertRate(ds, total);
        long started = System.nanoTime();
        long posted = 0;
        while (posted < total) {
            int school = random.nextInt(50);
            int size = (int) Math.min(1_000, total - posted);
            List<Object> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                int classNo = random.nextInt(18);
                String classRef = (1 + classNo % 6) + "-" + (1 + classNo / 6);
                batch.add(Map.of("actor", Map.of("mbox", "mailto:l" + school + "-" + classNo + "-" + random.nextInt(30)
                                + "@drill.example"),
                        "verb", Map.of("id", "http://adlnet.gov/expapi/verbs/completed"),
                        "object", Map.of("id", "https://drill.example/math/unit-" + random.nextInt(40)),
                        "result", Map.of("score", Map.of("scaled", random.nextInt(101) / 100.0)),
                        "context", Map.of("extensions", Map.of("https://drill.example/ext/class", classRef)),
                        "timestamp", start.minusYears(years - 1 - posted * years / total)
                                .plusDays(random.nextInt(330)).atTime(9 + random.nextInt(7), random.nextInt(60))
                                .atOffset(ZoneOffset.ofHours(9)).toString()));
            }
            xapi.store(batch, String.format(Locale.ROOT, "X-%03d", school), "bench", false);
            posted += size;
            if (posted % 250_000 == 0) {
                System.out.printf(Locale.ROOT, "  … %,d statements, %.0f s%n", posted, (System.nanoTime() - started) / 1e9);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "ingest: %,d statements in %.1f s = %,.0f statements/s%n", total, seconds,
                total / seconds);
        Benchmarks.printShareOfPlainInsert("ingest", total, total / seconds, plainBefore, rawInsertRate(ds, total));
        Instant since = Instant.parse("2025-04-01T00:00:00Z");
        Instant until = Instant.parse("2026-04-01T00:00:00Z");
        System.out.printf(Locale.ROOT, "class view: a class's year, %d week-activity rows%n",
                xapi.classActivity("X-007", "3-2", since, until).size());
        Benchmarks.view("class view, one class's year", () -> xapi.classActivity("X-007", "3-2", since, until));
        FiscalYear fy = FiscalYear.of(2025);
        Benchmarks.view("board summary, a fiscal year (kept)", () -> xapi.summary(null, fy, true));
        Benchmarks.view("board summary, every year (kept)", () -> xapi.summary(null, null, true));
        Benchmarks.view("learners looking at their history, city", () -> xapi.learnersLooking(fy, null,
                schools.all().stream().map(org.gigaplan.plan.model.School::id).toList()));
        // Any other period: the whole days from what is kept, the hours at either end from the statements.
        Instant from = Instant.parse("2025-05-10T01:00:00Z");
        Instant to = Instant.parse("2025-12-20T06:00:00Z");
        Benchmarks.view("board summary of another period, 10 May 10:00 to 20 December 15:00",
                () -> xapi.summary(null, from, to, true));
        Benchmarks.view("board summary of a school, the same period", () -> xapi.summary("X-007", from, to, true));
        Instant weekFrom = Instant.parse("2025-06-02T01:00:00Z");
        Instant weekTo = Instant.parse("2025-06-09T01:00:00Z");
        Benchmarks.view("board summary of a week, 2 June 10:00 to 9 June 10:00",
                () -> xapi.summary(null, weekFrom, weekTo, true));
        // The first start of this version on statements the version before stored: each school's learners numbered
        // and every school day's and week's learners made from the statements, the table held meanwhile.
        db.transaction(c -> {
            org.gigaplan.plan.service.Jdbc.update(c, "UPDATE env_xapi_statement SET kept = 2");
            org.gigaplan.plan.service.Jdbc.update(c, "UPDATE env_xapi_school_day SET learners = NULL, spans = NULL");
            return org.gigaplan.plan.service.Jdbc.update(c, "UPDATE env_xapi_school_week SET learners = NULL");
        });
        long upgrading = System.nanoTime();
        XapiService upgraded = new XapiService(db, network, new org.gigaplan.testkit.FakeRoster());
        System.out.printf(Locale.ROOT, "first start after an upgrade from the version before: %.1f s%n",
                (System.nanoTime() - upgrading) / 1e9);
        Benchmarks.view("board summary of another period, after that start", () -> upgraded.summary(null, from, to,
                true));
    }

    /** Rows a second plain JDBC batches of 1,000 insert into a table of the statements' shape and indexes. */
    private static double rawInsertRate(DataSource ds, long rows) {
        SplittableRandom random = new SplittableRandom(5);
        java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
        return Benchmarks.plainInsertRate(ds, List.of("CREATE TABLE bench_raw_xapi (id VARCHAR(36) NOT NULL PRIMARY KEY, "
                + "school_id VARCHAR(32) NOT NULL, class_ref VARCHAR(32), learner VARCHAR(64) NOT NULL, "
                + "verb VARCHAR(300) NOT NULL, verb_display VARCHAR(200), activity VARCHAR(500) NOT NULL, "
                + "activity_name VARCHAR(200), score_scaled DOUBLE PRECISION, success SMALLINT, completion SMALLINT, "
                + "occurred_at TIMESTAMP NOT NULL, stored_at TIMESTAMP NOT NULL, posted_by VARCHAR(100) NOT NULL, "
                + "demo SMALLINT NOT NULL)",
                "CREATE INDEX ix_bench_raw_xapi_learner ON bench_raw_xapi (learner)",
                "CREATE INDEX ix_bench_raw_xapi_school ON bench_raw_xapi (school_id, occurred_at)",
                "CREATE INDEX ix_bench_raw_xapi_class ON bench_raw_xapi (school_id, class_ref, occurred_at)"),
                "bench_raw_xapi", 15, rows, 1_000, (s, i) -> {
                    s.setString(1, java.util.UUID.randomUUID().toString());
                    s.setString(2, String.format(Locale.ROOT, "X-%03d", random.nextInt(50)));
                    s.setString(3, "3-2");
                    s.setString(4, Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
                    s.setString(5, "http://adlnet.gov/expapi/verbs/completed");
                    s.setString(6, null);
                    s.setString(7, "https://drill.example/math/unit-" + random.nextInt(40));
                    s.setString(8, null);
                    s.setDouble(9, random.nextInt(101) / 100.0);
                    s.setNull(10, java.sql.Types.SMALLINT);
                    s.setNull(11, java.sql.Types.SMALLINT);
                    s.setTimestamp(12, new java.sql.Timestamp(now.getTime() - random.nextLong(30_000_000_000L)));
                    s.setTimestamp(13, now);
                    s.setString(14, "bench");
                    s.setInt(15, 0);
                });
    }
}
