package org.gigaplan.platform.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.gigaplan.plan.service.AuditLog.Query;
import org.gigaplan.testkit.Benchmarks;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the audit log of a city's year of writes, then the board's audit page (a page of 50 and its count)
 * timed against the view limits. Most writes are machines': speed-test agents, check-ins, drills posting statements;
 * a few are people's (the plan, schools, keys). Run with {@code mvn -pl bundles/platform -Pbenchmark test} (after
 * {@code mvn install}); {@code -Dbench.entries} (1,000,000), {@code -Dbench.db=derby|postgres}.
 */
@Tag("benchmark")
class AuditBenchmark {

    private static final String[] MACHINE_ACTIONS = { "POST /api/environment/measurements",
        "POST /api/environment/xapi/statements", "POST /api/usage/check-ins" };

    @Test
    void theAuditPageOfACityYear() throws Exception {
        long total = Long.getLong("bench.entries", 1_000_000L);
        DataSource ds = Benchmarks.database();
        PlatformDatabase database = new PlatformDatabase(ds);
        AuditStore audit = database.audit();
        Instant start = Instant.parse("2025-04-01T00:00:00Z");
        long span = 330L * 86_400;
        long began = System.nanoTime();
        SplittableRandom random = new SplittableRandom(3);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO gp_audit "
                + "(written_at, actor, role, school_id, channel, action, outcome, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (long i = 0; i < total; i++) {
                String school = String.format(Locale.ROOT, "S-%03d", random.nextInt(185));
                int kind = random.nextInt(1_000);
                boolean person = kind < 50;
                ps.setTimestamp(1, Timestamp.from(start.plusSeconds(i * span / total)));
                ps.setString(2, person ? "staff-" + random.nextInt(400) : "key:" + school + " agent");
                ps.setString(3, person ? "school" : "machine");
                ps.setString(4, school);
                ps.setString(5, "api");
                // One write in 10,000 is a rare one: a board user's school import.
                ps.setString(6, kind == 0 && random.nextInt(10) == 0 ? "POST /api/schools/import"
                        : person ? "PUT /api/usage/measures/" + random.nextInt(20)
                        : MACHINE_ACTIONS[kind % MACHINE_ACTIONS.length]);
                ps.setString(7, "201");
                ps.setString(8, person ? "target 80 % → 85 %" : null);
                ps.addBatch();
                if (i % 1_000 == 999) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        }
        Benchmarks.analyzed(ds);
        System.out.printf(Locale.ROOT, "%naudit benchmark on %s: %,d entries over 330 days, 185 schools (%.0f s to "
                + "insert)%n", Benchmarks.engine(), total, (System.nanoTime() - began) / 1e9);
        Instant dayFrom = start.plusSeconds(200L * 86_400);
        for (Object[] view : new Object[][] {
            { "every entry", Query.all() },
            { "a school's", new Query(null, "S-007", null, null, null) },
            { "a person's", new Query("staff-7", null, null, null, null) },
            { "an action's (a part of it, common)", new Query(null, null, "usage/measures", null, null) },
            { "a rare action's (1 in 10,000)", new Query(null, null, "schools/import", null, null) },
            { "a day's", new Query(null, null, null, dayFrom, dayFrom.plusSeconds(86_400)) } }) {
            Query q = (Query) view[1];
            System.out.printf(Locale.ROOT, "  %s: %,d entries%n", view[0], audit.count(q));
            Benchmarks.view("audit page of 50 and its count, " + view[0], () -> audit.page(q, 0, 50, 10_000));
            Benchmarks.view("its 100th page", () -> audit.page(q, 4_950, 50, 14_950));
        }
    }
}
