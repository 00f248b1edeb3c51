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

import org.gigaplan.environment.internal.store.LrsStore;
import org.gigaplan.testkit.FakeEnablement;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.testkit.FakeSchools;

import org.gigaplan.testkit.Benchmarks;
import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: posts xAPI statements through the service (validation, pseudonymisation and all) in batches of a
 * drill's upload and prints the ingest rate, its share of a plain insert into a table of the statements' columns and
 * indexes, and the latency of the views at that size. Run with
 * {@code mvn -pl bundles/environment -Pbenchmark test -Dtest=XapiBenchmark} (after {@code mvn install});
 * {@code -Dbench.statements} (1000000), {@code -Dbench.years} (1: the statements spread over that many school years,
 * posted a year after the other as they would arrive, ending with FY2025, where the views are read),
 * {@code -Dbench.scattered=true} (each batch's statements on any day of their year, as a year's backlog sent at once;
 * by default statements are made day after day and a school's sent when 1,000 are waiting, as a drill's server
 * forwards them), {@code -Dbench.db=derby|postgres}.
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
        boolean scattered = Boolean.getBoolean("bench.scattered");
        System.out.printf(Locale.ROOT, "%nxAPI benchmark on %s: %,d statements over %d school year(s), 50 schools × 18 "
                + "classes × 30 learners, each school's in batches of 1,000 %s%n", engine, total, years, scattered
                        ? "scattered over the year (a year's backlog sent at once, out of order)"
                        : "in the order they happen");
        SplittableRandom random = new SplittableRandom(11);
        LocalDate start = LocalDate.of(2025, 4, 7);
        double plainBefore = rawInsertRate(ds, total, scattered);
        // Statements are stored at the (real) time they are posted: since just before, an LRS page holds the oldest.
        Instant beforeAll = NetworkContract.CLOCK.now().minusSeconds(1);
        long started = System.nanoTime();
        long[] posted = { 0, 0 };
        Map<Integer, List<Object>> queues = new java.util.HashMap<>();
        for (long made = 0; made < total; made++) {
            int school = random.nextInt(50);
            // As they happen: the school days one after the other; scattered: any day of the statement's year.
            long day = scattered ? random.nextInt(330) : made * years * 330 / total % 330;
            List<Object> queue = queues.computeIfAbsent(school, k -> new ArrayList<>());
            queue.add(statement(random, school, start.minusYears(years - 1 - made * years / total).plusDays(day)));
            if (queue.size() == 1_000) {
                post(xapi, school, queues.remove(school), posted, started);
            }
        }
        queues.forEach((school, queue) -> post(xapi, school, queue, posted, started));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "ingest: %,d statements in %,d batches in %.1f s = %,.0f statements/s%n", total,
                posted[1], seconds, total / seconds);
        Benchmarks.printShareOfPlainInsert("ingest", total, total / seconds, plainBefore,
                rawInsertRate(ds, total, scattered));
        Benchmarks.analyzed(ds);
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
        // The LRS's statement pages (GET xapi/statements): a school's tool asks with its key, the board across schools.
        Benchmarks.view("LRS statements, a school's newest 100", () -> xapi.page(new LrsStore.Filter("X-007", null,
                null, null, null, null, null, null, false), null, 100, false));
        Benchmarks.view("LRS statements, the city's newest 100", () -> xapi.page(new LrsStore.Filter(null, null, null,
                null, null, null, null, null, false), null, 100, false));
        LrsStore.Filter sinceBefore = new LrsStore.Filter(null, null, null, null, null, null, beforeAll, null, true);
        Benchmarks.view("LRS statements, the city's first 100 stored since a time", () -> xapi.page(sinceBefore, null,
                100, false));
        System.out.printf(Locale.ROOT, "  (%d statements on that page)%n", xapi.page(sinceBefore, null, 100, false)
                .statements().size());
        LrsStore.Filter schoolSince = new LrsStore.Filter("X-007", null, null, null, null, null, beforeAll, null, true);
        Benchmarks.view("LRS statements, a school's first 100 stored since a time", () -> xapi.page(schoolSince, null,
                100, false));
        // A school's tool asking for one learner's statements (an Agent), or one activity's.
        String learner = xapi.pseudonym(Map.of("mbox", "mailto:l7-4-11@drill.example"), "agent");
        Benchmarks.view("LRS statements, a learner's newest 100", () -> xapi.page(new LrsStore.Filter("X-007", learner,
                null, null, null, null, null, null, false), null, 100, false));
        // A learner of years of daily drills (about 20 statements a school day for three years), 20 of them voided.
        Map<String, Object> heavy = Map.of("mbox", "mailto:heavy@drill.example");
        List<String> ids = new ArrayList<>();
        for (int batch = 0; batch < 10; batch++) {
            List<Object> statements = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                Map<String, Object> one = new java.util.HashMap<>(statement(random, 7, start.plusDays((batch * 1_000L
                        + i) * 330 / 10_000)));
                one.put("actor", heavy);
                statements.add(one);
            }
            ids.addAll(xapi.store(statements, "X-007", "bench", false));
        }
        for (int i = 0; i < 20; i++) {
            xapi.store(Map.of("actor", Map.of("mbox", "mailto:teacher@drill.example"), "verb", Map.of("id",
                    "http://adlnet.gov/expapi/verbs/voided"), "object", Map.of("objectType", "StatementRef", "id",
                    ids.get(i * 500))), "X-007", "bench", false);
        }
        String heavyOne = xapi.pseudonym(heavy, "agent");
        Benchmarks.view("LRS statements, the newest 100 of a learner with 10,000", () -> xapi.page(new LrsStore.Filter(
                "X-007", heavyOne, null, null, null, null, null, null, false), null, 100, false));
        Benchmarks.view("LRS statements, the same across schools (the board)", () -> xapi.page(new LrsStore.Filter(
                null, heavyOne, null, null, null, null, null, null, false), null, 100, false));
        Benchmarks.view("LRS statements, an activity's newest 100 at a school", () -> xapi.page(new LrsStore.Filter(
                "X-007", null, null, "https://drill.example/math/unit-5", null, null, null, null, false), null, 100,
                false));
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

    /** A drill's statement of a learner of a school on a day, between 9:00 and 16:00. */
    private static Map<String, Object> statement(SplittableRandom random, int school, LocalDate day) {
        int classNo = random.nextInt(18);
        String classRef = (1 + classNo % 6) + "-" + (1 + classNo / 6);
        return Map.of("actor", Map.of("mbox", "mailto:l" + school + "-" + classNo + "-" + random.nextInt(30)
                        + "@drill.example"),
                "verb", Map.of("id", "http://adlnet.gov/expapi/verbs/completed"),
                "object", Map.of("id", "https://drill.example/math/unit-" + random.nextInt(40)),
                "result", Map.of("score", Map.of("scaled", random.nextInt(101) / 100.0)),
                "context", Map.of("extensions", Map.of("https://drill.example/ext/class", classRef)),
                "timestamp", day.atTime(9 + random.nextInt(7), random.nextInt(60)).atOffset(ZoneOffset.ofHours(9))
                        .toString());
    }

    /** Posts a school's batch; {@code posted} counts statements and batches. */
    private static void post(XapiService xapi, int school, List<Object> batch, long[] posted, long started) {
        xapi.store(batch, String.format(Locale.ROOT, "X-%03d", school), "bench", false);
        long before = posted[0];
        posted[0] += batch.size();
        posted[1]++;
        if (posted[0] / 250_000 > before / 250_000) {
            System.out.printf(Locale.ROOT, "  … %,d statements, %.0f s%n", posted[0], (System.nanoTime() - started)
                    / 1e9);
        }
    }

    /**
     * Rows a second plain JDBC batches of 1,000 insert into a table of the statements' columns and indexes (as the
     * module's migrations leave {@code env_xapi_statement}), each batch a school's, its times in order or scattered as
     * the ingest's are, each row with a body of a stored statement's form and length (about 570 characters).
     */
    private static double rawInsertRate(DataSource ds, long rows, boolean scattered) {
        SplittableRandom random = new SplittableRandom(5);
        java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
        String clob = Benchmarks.engine().equals("postgres") ? "TEXT" : "CLOB";
        List<String> indexes = new ArrayList<>(List.of("learner, stored_at, id", "school_id, occurred_at",
                "school_id, class_ref, occurred_at", "school_id, stored_at, id", "ref_target", "kept",
                "occurred_at, school_id, learner, score_scaled, demo", "stored_at, id"));
        if (!Benchmarks.engine().equals("postgres")) {
            indexes.add("stored_at DESC, id DESC");
            indexes.add("school_id, stored_at DESC, id DESC");
            indexes.add("learner, stored_at DESC, id DESC");
        }
        List<String> create = new ArrayList<>(List.of("CREATE TABLE bench_raw_xapi (id VARCHAR(36) NOT NULL "
                + "PRIMARY KEY, school_id VARCHAR(32) NOT NULL, class_ref VARCHAR(32), learner VARCHAR(64) NOT NULL, "
                + "verb VARCHAR(300) NOT NULL, verb_display VARCHAR(200), activity VARCHAR(500), "
                + "activity_name VARCHAR(200), score_scaled DOUBLE PRECISION, success SMALLINT, completion SMALLINT, "
                + "occurred_at TIMESTAMP NOT NULL, stored_at TIMESTAMP NOT NULL, posted_by VARCHAR(100) NOT NULL, "
                + "demo SMALLINT NOT NULL, body " + clob + ", registration VARCHAR(36), voided SMALLINT NOT NULL, "
                + "ref_target VARCHAR(36), kept SMALLINT NOT NULL)"));
        for (int i = 0; i < indexes.size(); i++) {
            create.add("CREATE INDEX ix_bench_raw_xapi_" + i + " ON bench_raw_xapi (" + indexes.get(i) + ")");
        }
        return Benchmarks.plainInsertRate(ds, create, "bench_raw_xapi", 20, rows, 1_000, (s, i) -> {
            String id = java.util.UUID.randomUUID().toString();
            String learner = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
            String activity = "https://drill.example/math/unit-" + random.nextInt(40);
            double score = random.nextInt(101) / 100.0;
            java.sql.Timestamp at = new java.sql.Timestamp(now.getTime() - (scattered
                    ? random.nextLong(30_000_000_000L) : (rows - i) * 30_000_000_000L / rows));
            s.setString(1, id);
            s.setString(2, String.format(Locale.ROOT, "X-%03d", i / 1_000 * 7_919 % 50));
            s.setString(3, "3-2");
            s.setString(4, learner);
            s.setString(5, "http://adlnet.gov/expapi/verbs/completed");
            s.setString(6, null);
            s.setString(7, activity);
            s.setString(8, null);
            s.setDouble(9, score);
            s.setNull(10, java.sql.Types.SMALLINT);
            s.setNull(11, java.sql.Types.SMALLINT);
            s.setTimestamp(12, at);
            s.setTimestamp(13, now);
            s.setString(14, "bench");
            s.setInt(15, 0);
            s.setString(16, "{\"id\":\"" + id + "\",\"actor\":{\"objectType\":\"Agent\",\"account\":{\"name\":\""
                    + learner + "\",\"homePage\":\"urn:gigaplan:pseudonym\"}},\"timestamp\":\""
                    + at.toInstant() + "\",\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},"
                    + "\"context\":{\"extensions\":{\"https://drill.example/ext/class\":\"3-2\"}},\"result\":"
                    + "{\"score\":{\"scaled\":" + score + "}},\"object\":{\"id\":\"" + activity + "\"},\"stored\":\""
                    + now.toInstant() + "\",\"authority\":{\"objectType\":\"Agent\",\"account\":{\"name\":\"bench\","
                    + "\"homePage\":\"urn:gigaplan:poster\"}},\"version\":\"1.0.0\"}");
            s.setString(17, null);
            s.setInt(18, 0);
            s.setString(19, null);
            s.setInt(20, 3);
        });
    }
}
