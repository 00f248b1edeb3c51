package org.gigaplan.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gigaplan.testkit.TestDatabase;
import org.gigaplan.tests.e2e.Distribution.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two nodes of one installation on one PostgreSQL database behind HAProxy, as the README's deployment section sets
 * them up: started together on an empty database they migrate it and load the shipped plan once; what one node writes
 * the other reads at once (the plan, the board's module switches, records); writes sent through the load balancer
 * all land; wrong passwords count on both nodes together; a node killed under writes loses nothing acknowledged and
 * rejoins; a migration lock a dead node left is released from the console; a dump restores.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private static TestDatabase.PostgresDatabase database;
    private static Distribution a;
    private static Distribution b;
    private static LoadBalancer balancer;
    private static Distribution front;

    @BeforeAll
    static void startTwoNodesTogetherBehindTheLoadBalancer() throws Exception {
        database = TestDatabase.newPostgresDatabase("gigaplan_cluster");
        Path work = Path.of(E2e.property("gigaplan.e2e.workdir")).resolve("cluster");
        Path archive = Path.of(E2e.property("gigaplan.e2e.distribution"));
        a = Distribution.unpack(archive, work.resolve("a"));
        b = Distribution.unpackBeside(archive, work.resolve("b"), a);
        for (Distribution node : List.of(a, b)) {
            node.usePostgres(database.url(), database.user(), database.password());
            node.demo(false);
            // The balancer is on the loopback: requests from it are counted by the client they name.
            Distribution.setProperties(node.home().resolve("etc/org.gigaplan.platform.api.cfg"),
                    java.util.Map.of("trustedProxies", "127.0.0.1"));
        }
        // Both at once on the empty database, as an operator starting a new installation's nodes would.
        ExecutorService starting = Executors.newFixedThreadPool(2);
        try {
            List<Future<Duration>> started = new ArrayList<>();
            for (Distribution node : List.of(a, b)) {
                started.add(starting.submit(node::start));
            }
            for (Future<Duration> f : started) {
                f.get();
            }
        } finally {
            starting.shutdownNow();
        }
        balancer = LoadBalancer.start(work.resolve("balancer"), List.of(a.httpPort(), b.httpPort()));
        front = a.via(balancer.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (balancer != null) {
            balancer.close();
        }
        for (Distribution node : new Distribution[] { a, b }) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    @Order(1)
    void startedTogetherTheyMigrateTheDatabaseAndLoadTheShippedPlanOnce() throws Exception {
        assertEquals(List.of(), rows("SELECT id || ' ' || filename || ' x' || COUNT(*) FROM databasechangelog "
                + "GROUP BY id, author, filename HAVING COUNT(*) > 1"), "every changeset applied once");
        assertEquals(List.of("1"), rows("SELECT COUNT(*) FROM gp_plan_import"), "one version of the plan: the shipped one");
        assertEquals(List.of("11"), rows("SELECT COUNT(*) FROM gp_school"), "the sample directory, once");
        assertEquals(List.of("0"), rows("SELECT COUNT(*) FROM databasechangeloglock WHERE locked = TRUE"),
                "no migration lock left");
        for (Distribution node : List.of(a, b)) {
            String log = java.nio.file.Files.readString(node.karafLog());
            assertTrue(!log.contains("Error during instantiation") && !log.contains("migration db/"),
                    () -> "a node's migration failed as the other migrated:\n" + Distribution.tail(node.karafLog(), 60));
        }
    }

    @Test
    @Order(2)
    void aPlanChangeOnOneNodeIsReadOnTheOtherAtOnce() throws Exception {
        assertEquals(100.0, target(b, "usage.scene1", 2025), "the shipped target, on b");
        // FY2025 has ended by the nodes' clock: a change to it is confirmed (pastYear=true), or it is refused.
        Response set = a.send("PUT", "/api/plan/indicators/usage.scene1/targets/2025?pastYear=true", "{\"value\":85}");
        assertEquals(200, set.status(), set::toString);
        assertEquals(85.0, target(b, "usage.scene1", 2025), "b reads a's change at once");
        Response again = b.send("PUT", "/api/plan/indicators/usage.scene2/targets/2025?pastYear=true", "{\"value\":75}");
        assertEquals(200, again.status(), again::toString);
        assertEquals(85.0, target(a, "usage.scene1", 2025), "b's change kept a's");
        assertEquals(75.0, target(a, "usage.scene2", 2025), "and a reads it");
        assertEquals(List.of("3"), rows("SELECT COUNT(*) FROM gp_plan_import"), "each change one version");
    }

    @Test
    @Order(3)
    void aUserAddedOnOneNodeLogsInOnTheOtherAndOneRemovedThereIsRefusedHere() throws Exception {
        assertEquals(List.of("admin"), rows("SELECT username FROM gp_user WHERE username = 'admin'"),
                "the first user, once, though both nodes were started with its password");
        String password = "pw-" + Long.toHexString(System.nanoTime());
        String added = a.console("jaas:realm-manage --realm gigaplan", "jaas:user-add cluster-staff " + password,
                "jaas:role-add cluster-staff school@S-E01", "jaas:update");
        assertEquals(200, b.getAs("cluster-staff:" + password, "/api/schools/S-E01").status(),
                () -> "added on a, logs in on b; the console said:\n" + added);
        assertTrue(rows("SELECT password FROM gp_user WHERE username = 'cluster-staff'").get(0)
                .matches("\\{CRYPT\\}243261.*\\{CRYPT\\}"), "stored as a bcrypt hash ($2a, hexadecimal)");
        String removed = b.console("jaas:realm-manage --realm gigaplan", "jaas:user-delete cluster-staff",
                "jaas:update");
        assertEquals(401, a.getAs("cluster-staff:" + password, "/api/schools/S-E01").status(),
                () -> "removed on b, refused on a; the console said:\n" + removed);
    }

    @Test
    @Order(4)
    void aModuleTheBoardSwitchesOffOnOneNodeIsOffOnTheOther() throws Exception {
        assertEquals(200, b.getAs("school-a", "/api/training/checklist").status(), "on for S-E01");
        Response off = a.send("PUT", "/api/modules/training/schools/S-E01", "{\"enabled\":false}");
        assertEquals(200, off.status(), off::toString);
        try {
            assertEquals(403, b.getAs("school-a", "/api/training/checklist").status(), "off on b at once");
        } finally {
            assertEquals(200, b.send("PUT", "/api/modules/training/schools/S-E01", "{\"enabled\":true}").status());
        }
        assertEquals(200, a.getAs("school-a", "/api/training/checklist").status(), "on again on a at once");
    }

    @Test
    @Order(5)
    void everyWriteSentThroughTheLoadBalancerLandsAndEitherNodeReadsIt() throws Exception {
        LocalDate week = LocalDate.of(2026, 6, 1);
        int batches = 20;
        List<Long> before = balancer.requestsPerNode();
        for (int n = 0; n < batches; n++) {
            Response r = front.post("/api/usage/check-ins", "application/json", "[{\"schoolId\":\"S-E01\",\"grade\":1,"
                    + "\"className\":\"lb" + n + "\",\"week\":\"" + week + "\",\"scenes\":[{\"scene\":1,\"count\":3}]}]");
            assertEquals(200, r.status(), r::toString);
        }
        for (Distribution node : List.of(a, b)) {
            Response export = node.get("/api/usage/check-ins/export?fiscalYear=2026&schoolId=S-E01");
            assertEquals(200, export.status(), export::toString);
            assertEquals(batches, export.body().lines().filter(l -> l.contains(",lb")).count(), export::body);
        }
        // The attainment views are computed from what is stored, on whichever node is asked: the same on both.
        String attainment = "/api/usage/attainment?fiscalYear=2026&week=" + week + "&schoolId=S-E01&by=class";
        Response onA = a.get(attainment);
        assertEquals(200, onA.status(), onA::toString);
        assertTrue(onA.body().contains("lb19"), onA::body);
        assertEquals(onA.json(), b.get(attainment).json(), "b's view of S-E01's week is a's");
        List<Long> after = balancer.requestsPerNode();
        for (int i = 0; i < 2; i++) {
            long took = after.get(i) - before.get(i);
            assertTrue(took >= batches / 4, () -> "each node took its share of the writes: " + before + " → " + after);
        }
    }

    @Test
    @Order(6)
    void wrongPasswordsSpreadOverBothNodesLockTheNameOnBoth() throws Exception {
        int allowed = 10; // loginFailuresAllowed's default
        for (int i = 0; i < allowed; i++) {
            Distribution node = i % 2 == 0 ? a : b;
            assertEquals(401, node.getAs("guessed:wrong-" + i, "/api/modules").status(), "guess " + (i + 1));
        }
        for (Distribution node : List.of(a, b)) {
            Response locked = node.getAs("guessed:" + node.password("guessed"), "/api/modules");
            assertEquals(429, locked.status(), () -> "locked on both nodes, the right password too: " + locked);
        }
        assertEquals(200, b.getAs("school-a", "/api/modules").status(), "other names are not affected");
    }

    /**
     * Behind the balancer every request comes from its address: the nodes trust it and count wrong passwords by the
     * client it names, so a guesser locks the name for their own address only, not for everyone behind the balancer.
     */
    @Test
    @Order(7)
    void behindTheBalancerWrongPasswordsCountByTheClientsAddress() throws Exception {
        String guesser = "203.0.113.5";
        for (int i = 0; i < 10; i++) {
            assertEquals(401, front.sendWithHeader("no-role:wrong-" + i, "GET", "/api/modules", null,
                    "X-Forwarded-For", guesser).status(), "guess " + (i + 1));
        }
        String right = "no-role:" + a.password("no-role");
        assertEquals(429, front.sendWithHeader(right, "GET", "/api/modules", null, "X-Forwarded-For", guesser)
                .status(), "the guesser's address is locked");
        assertEquals(403, front.sendWithHeader(right, "GET", "/api/modules", null, "X-Forwarded-For", "198.51.100.7")
                .status(), "the owner elsewhere is not: signed in (a user without a GIGA Plan role)");
    }

    @Test
    @Order(8)
    void aMigrationLockANodeLeftWhenItDiedIsReleasedFromTheConsole() throws Exception {
        assertTrue(a.console("gigaplan:migration-lock").contains("free"));
        execute("UPDATE databasechangeloglock SET locked = TRUE, lockedby = 'dead-node (10.0.0.9)', "
                + "lockgranted = now() - interval '1 hour' WHERE id = 1");
        String shown = b.console("gigaplan:migration-lock");
        assertTrue(shown.contains("set by dead-node (10.0.0.9)"), shown);
        String released = b.console("gigaplan:migration-lock --release");
        assertTrue(released.contains("Released the migration lock"), released);
        assertEquals(List.of("0"), rows("SELECT COUNT(*) FROM databasechangeloglock WHERE locked = TRUE"));

        execute("UPDATE databasechangeloglock SET locked = TRUE, lockedby = 'starting-node', lockgranted = now() "
                + "WHERE id = 1");
        String kept = a.console("gigaplan:migration-lock --release");
        assertTrue(kept.contains("Not released"), kept);
        assertEquals(List.of("1"), rows("SELECT COUNT(*) FROM databasechangeloglock WHERE locked = TRUE"));
        assertTrue(a.console("gigaplan:migration-lock --release --older-than 0").contains("Released"));
        assertEquals(List.of("0"), rows("SELECT COUNT(*) FROM databasechangeloglock WHERE locked = TRUE"));
    }

    /** Weeks of one node-lost batch: one class of its own, 8 weeks × 5 scenes. */
    private static final int WEEKS_PER_BATCH = 8;

    /**
     * Last: one node killed ({@code kill -9}) under writes sent through the load balancer. The other keeps taking
     * them; every acknowledged batch is stored whole, none half; the killed node starts again and takes its share.
     */
    @Test
    @Order(9)
    void aNodeKilledUnderWritesLosesNoAcknowledgedWriteAndRejoins() throws Exception {
        CheckInBatches batches = new CheckInBatches("S-E02", 2, "k", LocalDate.of(2026, 4, 6), WEEKS_PER_BATCH)
                .start(2, body -> front.post("/api/usage/check-ins", "application/json", body));
        try {
            batches.awaitAcknowledged(30, TIMEOUT);
            List<Long> beforeKill = balancer.requestsPerNode();
            b.kill();
            int atKill = batches.acknowledged();
            batches.awaitAcknowledged(atKill + 30, TIMEOUT);
            List<Long> afterKill = balancer.requestsPerNode();
            assertTrue(afterKill.get(0) - beforeKill.get(0) >= 30, () -> "a took the writes: " + beforeKill + " → "
                    + afterKill);
        } finally {
            batches.stop();
        }
        assertEquals(List.of(), batches.refused(), "batches refused");

        Response export = a.get("/api/usage/check-ins/export?fiscalYear=2026&schoolId=S-E02");
        assertEquals(200, export.status(), export::toString);
        CheckInBatches.Outcome outcome = batches.check(export.body());
        System.out.println("[e2e] node lost: " + batches.summary() + " (through the load balancer), "
                + outcome.stored().size() + " stored");
        assertEquals(List.of(), outcome.lost(), "acknowledged batches lost or cut");
        assertEquals(List.of(), outcome.half(), "batches half stored");
        assertEquals(List.of(), outcome.wrong(), "figures stored with other values");
        java.util.Map<Integer, Integer> stored = outcome.stored();

        // The killed node starts again on the same database and takes its share.
        b.start();
        List<Long> before = balancer.requestsPerNode();
        Distribution.await("b back behind the load balancer", TIMEOUT, () -> {
            assertEquals(200, front.get("/api/usage/scenes").status());
            List<Long> now = balancer.requestsPerNode();
            assertTrue(now.get(1) > before.get(1), () -> "b takes requests again: " + before + " → " + now);
        });
        assertEquals(stored.size(), b.get("/api/usage/check-ins/export?fiscalYear=2026&schoolId=S-E02").body().lines()
                .filter(l -> l.split(",", -1)[2].matches("k\\d+")).map(l -> l.split(",", -1)[2]).distinct().count(),
                "b reads what a stored while it was down");
    }

    /**
     * The README's PostgreSQL backup and restore, with PostgreSQL's own tools: {@code pg_dump -Fc} while the nodes
     * run, and with them stopped, {@code pg_restore --clean --if-exists}; started again, they are in the dump's state.
     */
    @Test
    @Order(10)
    void aDumpTakenWhileTheNodesRunRestoresWithThemStopped() throws Exception {
        Path dump = Path.of(E2e.property("gigaplan.e2e.workdir")).resolve("cluster/gigaplan.dump");
        java.nio.file.Files.deleteIfExists(dump);
        postgresTool("pg_dump", "-Fc", "-f", dump.toString());
        assertEquals(200, front.send("PUT", "/api/plan/indicators/usage.scene3/targets/2025?pastYear=true", "{\"value\":42}").status());
        assertEquals(42.0, target(a, "usage.scene3", 2025));
        a.stop();
        b.stop();
        postgresTool("pg_restore", "--clean", "--if-exists", dump.toString());
        ExecutorService starting = Executors.newFixedThreadPool(2);
        try {
            List<Future<Duration>> started = List.of(starting.submit(a::start), starting.submit(b::start));
            for (Future<Duration> f : started) {
                f.get();
            }
        } finally {
            starting.shutdownNow();
        }
        assertEquals(100.0, target(b, "usage.scene3", 2025), "the change made after the dump is gone");
        assertEquals(85.0, target(a, "usage.scene1", 2025), "what the dump holds is back");
    }

    /** Runs one of PostgreSQL's tools (the newest installed) on the nodes' database. */
    private static void postgresTool(String tool, String... arguments) throws Exception {
        java.net.URI uri = java.net.URI.create(database.url().substring("jdbc:".length()));
        Path installed;
        try (var versions = java.nio.file.Files.list(Path.of("/usr/lib/postgresql"))) {
            installed = versions.map(v -> v.resolve("bin").resolve(tool)).filter(java.nio.file.Files::isExecutable)
                    .max(java.util.Comparator.comparing(Path::toString)).orElse(Path.of(tool));
        } catch (java.io.IOException e) {
            installed = Path.of(tool);
        }
        List<String> command = new ArrayList<>(List.of(installed.toString(), "-h", uri.getHost(), "-p",
                Integer.toString(uri.getPort()), "-U", database.user(), "-d", uri.getPath().substring(1)));
        command.addAll(List.of(arguments));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", database.password());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES) && p.exitValue() == 0,
                () -> String.join(" ", command) + " failed: " + out);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
                Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static double target(Distribution node, String indicator, int fiscalYear) throws Exception {
        for (var t : node.json("/api/indicators/" + indicator).path("targets")) {
            if (t.path("fiscalYear").asInt() == fiscalYear) {
                return t.path("value").asDouble();
            }
        }
        throw new AssertionError(indicator + " has no target for " + fiscalYear);
    }

    /** The first column of a query on the nodes' database. */
    private static List<String> rows(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
                Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (r.next()) {
                out.add(r.getString(1));
            }
            return out;
        }
    }
}
