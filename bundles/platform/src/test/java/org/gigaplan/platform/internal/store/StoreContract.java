package org.gigaplan.platform.internal.store;

import org.gigaplan.testkit.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.sql.DataSource;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.plan.service.AuditEntry;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.plan.service.PlanVersion;
import org.gigaplan.plan.service.SchoolImport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the platform's stores must do on every supported database. Each engine gets a subclass, so no
 * engine-specific SQL passes unnoticed.
 */
abstract class StoreContract {

    abstract DataSource dataSource();

    private PlatformDatabase db;

    @BeforeEach
    void migrateAndEmpty() {
        db = new PlatformDatabase(dataSource());
        TestDatabase.on(dataSource()).clear(PlatformTables.ALL);
    }

    @Test
    void migrationsRunOnceAndAgainDoNothing() throws Exception {
        new PlatformDatabase(dataSource());
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM databasechangelog WHERE id LIKE 'platform-%'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertEquals(21, rs.getInt(1));
        }
    }

    /** A demo fill is claimed by one node until it is done, given back when it fails, taken again when run out. */
    @Test
    void aDemoFillIsClaimedOnceUntilDoneOrGivenBack() {
        DemoRunStore runs = db.demoRuns();
        java.time.Duration lease = java.time.Duration.ofMinutes(30);
        assertTrue(runs.claim("usage", 2025, lease));
        assertFalse(runs.claim("usage", 2025, lease), "another node's claim holds");
        assertTrue(runs.claim("usage", 2026, lease), "another year");
        runs.release("usage", 2025);
        assertTrue(runs.claim("usage", 2025, java.time.Duration.ofMillis(-1)), "given back, taken again");
        assertTrue(runs.claim("usage", 2025, lease), "a claim that ran out is taken over");
        assertFalse(runs.filled("usage", 2025));
        runs.record("usage", 2025);
        assertTrue(runs.filled("usage", 2025));
        assertFalse(runs.claim("usage", 2025, lease), "filled: nothing to claim");
    }

    /** A lock a node dying mid-migration left: shown, and released once older than a migration takes. */
    @Test
    void aStaleMigrationLockIsReleasedAndAFreshOneIsNot() throws Exception {
        assertFalse(db.migrationLock().locked());
        setMigrationLock(Instant.now().minus(java.time.Duration.ofHours(1)));
        Migrations.Lock lock = db.migrationLock();
        assertTrue(lock.locked());
        assertEquals("dead-node (10.0.0.9)", lock.by());
        var released = db.releaseStaleMigrationLock(java.time.Duration.ofMinutes(10));
        assertTrue(released.getValue(), "an hour old");
        assertEquals("dead-node (10.0.0.9)", released.getKey().by());
        assertFalse(db.migrationLock().locked());

        setMigrationLock(Instant.now());
        assertFalse(db.releaseStaleMigrationLock(java.time.Duration.ofMinutes(10)).getValue(), "a node may be migrating");
        assertTrue(db.migrationLock().locked());
        assertTrue(db.releaseStaleMigrationLock(java.time.Duration.ZERO).getValue(), "told it is stale");
        assertFalse(db.migrationLock().locked());
        assertFalse(db.releaseStaleMigrationLock(java.time.Duration.ZERO).getValue(), "nothing to release");
    }

    private void setMigrationLock(Instant granted) throws Exception {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE databasechangeloglock SET locked = ?, lockedby = ?, lockgranted = ? WHERE id = 1")) {
            ps.setBoolean(1, true);
            ps.setString(2, "dead-node (10.0.0.9)");
            ps.setTimestamp(3, java.sql.Timestamp.from(granted));
            assertEquals(1, ps.executeUpdate());
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    @Test
    void evaluationsAreKeptPerYearAndPolicyReplacedAndRemoved() {
        EvaluationStore evaluations = new EvaluationStore();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String text = "端末の活用は伸びた。\n来年度は授業事例の共有を進める。".repeat(60);
        db.transactionRetrying(c -> {
            evaluations.put(c, new EvaluationStore.StoredEvaluation(2025, 1, text, "sato", at));
            evaluations.put(c, new EvaluationStore.StoredEvaluation(2025, 2, "二", "sato", at));
            evaluations.put(c, new EvaluationStore.StoredEvaluation(2026, 1, "翌年", "sato", at));
            evaluations.put(c, new EvaluationStore.StoredEvaluation(2025, 2, "二（改）", "suzuki", at.plusSeconds(5)));
            return null;
        });
        var kept = db.transaction(c -> evaluations.list(c, 2025));
        assertEquals(List.of(new EvaluationStore.StoredEvaluation(2025, 1, text, "sato", at),
                new EvaluationStore.StoredEvaluation(2025, 2, "二（改）", "suzuki", at.plusSeconds(5))), kept);
        assertTrue((boolean) db.transaction(c -> evaluations.delete(c, 2025, 1)));
        assertFalse((boolean) db.transaction(c -> evaluations.delete(c, 2025, 1)));
        assertEquals(1, db.transaction(c -> evaluations.list(c, 2025)).size());
        assertEquals(1, db.transaction(c -> evaluations.list(c, 2026)).size());
    }

    @Test
    void sessionsAreFoundByTheirDigestTouchedAndExpiredByEitherTimeout() throws Exception {
        SessionStore sessions = new SessionStore();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var teacher = new SessionStore.StoredSession("a".repeat(64),
                new org.gigaplan.plan.security.Caller("tanaka", org.gigaplan.plan.security.Role.TEACHER, "S-E01", "T01"),
                "token-1", at, at);
        var board = new SessionStore.StoredSession("b".repeat(64),
                new org.gigaplan.plan.security.Caller("sato", org.gigaplan.plan.security.Role.BOARD, null), "token-2",
                at.minusSeconds(3_600), at.minusSeconds(3_600));
        db.transaction(c -> {
            sessions.insert(c, teacher);
            sessions.insert(c, board);
            return null;
        });
        assertEquals(teacher, db.transaction(c -> sessions.find(c, "a".repeat(64))).orElseThrow());
        db.transaction(c -> {
            sessions.touch(c, "a".repeat(64), at.plusSeconds(60));
            return null;
        });
        assertEquals(at.plusSeconds(60), db.transaction(c -> sessions.find(c, "a".repeat(64))).orElseThrow().seenAt());
        // Idle since before half an hour ago, or begun before twelve hours ago: the board's (idle an hour) goes.
        assertEquals(1, (int) db.transaction(c -> sessions.deleteExpired(c, at.minusSeconds(1_800),
                at.minusSeconds(12 * 3_600))));
        assertTrue(db.transaction(c -> sessions.find(c, "b".repeat(64))).isEmpty());
        boolean deleted = db.transaction(c -> sessions.delete(c, "a".repeat(64)));
        boolean again = db.transaction(c -> sessions.delete(c, "a".repeat(64)));
        assertTrue(deleted);
        assertFalse(again, "deleted already");
    }

    @Test
    void planVersionsKeepEveryDocumentAndTheLatestIsInForce() {
        assertTrue(db.plans().current().isEmpty());
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PlanVersion first = db.plans().insert(new PlanVersion(0, "p", "2025.1", PlanVersion.Kind.IMPORT, at, "system",
                "imported", List.of(), 1, 13, 15, null), id -> "{\"v\":\"一\"}");
        // A change made here is numbered by the store: its data version is its number, known once inserted.
        PlanVersion second = db.plans().insert(new PlanVersion(0, "p", null, PlanVersion.Kind.EDIT, at.plusSeconds(1),
                "api:board", "target set", List.of(new PlanVersion.Change("indicators[x].targets[2026].value", "100.0",
                        "90.0")), 1, 14, 15, null), id -> "{\"v\":\"二\",\"n\":" + id + "}");
        assertTrue(second.version() > first.version());
        assertEquals(Long.toString(second.version()), second.dataVersion());
        PlanStore.Current current = db.plans().current().orElseThrow();
        assertEquals(second.dataVersion(), current.meta().dataVersion());
        assertEquals("{\"v\":\"二\",\"n\":" + second.version() + "}", current.document());
        assertEquals(PlanStore.sha256(current.document()), current.meta().sha256());
        assertEquals(at.plusSeconds(1), current.meta().at());
        assertEquals(List.of(new PlanVersion.Change("indicators[x].targets[2026].value", "100.0", "90.0")),
                current.meta().changes());
        assertEquals(List.of(second.dataVersion(), "2025.1"), db.plans().versions().stream().map(PlanVersion::dataVersion)
                .toList());
        assertEquals("{\"v\":\"一\"}", db.plans().document(first.version()).orElseThrow());
        assertEquals(List.of(first.version()), db.plans().withDataVersion("2025.1").stream().map(PlanVersion::version)
                .toList());
    }

    /** What an import would throw away is told from the versions made here since the newest import. */
    @Test
    void planStandingNamesTheNewestImportAndTheVersionsMadeHereSince() {
        assertTrue(db.plans().standing().isEmpty());
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PlanVersion first = version(PlanVersion.Kind.IMPORT, "2025.1", at, "{\"v\":1}");
        version(PlanVersion.Kind.ROLLOVER, null, at, "{\"v\":2}");
        PlanVersion second = version(PlanVersion.Kind.IMPORT, "2025.2", at, "{\"v\":3}");
        PlanStore.Standing imported = db.plans().standing().orElseThrow();
        assertEquals(second.version(), imported.current().meta().version());
        assertEquals("{\"v\":3}", imported.lastImport().orElseThrow().document(), "the import in force is the newest");
        assertEquals(List.of(), imported.madeHere());

        PlanVersion edit = version(PlanVersion.Kind.EDIT, null, at, "{\"v\":4}");
        PlanVersion publish = version(PlanVersion.Kind.PUBLISH, null, at, "{\"v\":5}");
        PlanStore.Standing edited = db.plans().standing().orElseThrow();
        assertEquals("{\"v\":5}", edited.current().document());
        assertEquals(second.version(), edited.lastImport().orElseThrow().meta().version());
        assertEquals("{\"v\":3}", edited.lastImport().orElseThrow().document());
        assertEquals(List.of(publish.version(), edit.version()), edited.madeHere().stream()
                .map(PlanVersion::version).toList(), "newest first, not the earlier roll-over");
        assertTrue(first.version() < second.version());

        // Given the standing with the versions locked; nothing stored when it answers null or throws.
        assertTrue(db.plans().nextFrom(s -> {
            assertEquals(2, s.orElseThrow().madeHere().size());
            return null;
        }).isEmpty());
        assertThrows(IllegalStateException.class, () -> db.plans().nextFrom(s -> {
            throw new IllegalStateException("refused");
        }));
        PlanVersion third = db.plans().nextFrom(s -> new PlanStore.Next(new PlanVersion(0, "p", "2025.3",
                PlanVersion.Kind.IMPORT, at, "api:board", "imported", List.of(), 1, 13, 15, null), id -> "{\"v\":6}"))
                .orElseThrow();
        assertEquals(6, db.plans().versions().size());
        assertEquals(third.version(), db.plans().standing().orElseThrow().lastImport().orElseThrow().meta().version());
        assertEquals(List.of(), db.plans().standing().orElseThrow().madeHere());
    }

    private PlanVersion version(PlanVersion.Kind kind, String dataVersion, Instant at, String document) {
        return db.plans().insert(new PlanVersion(0, "p", dataVersion, kind, at, "api:board", kind.name(), List.of(), 1,
                13, 15, null), id -> document);
    }

    @Test
    void schoolsUpsertPageAndFilter() {
        SchoolImport first = db.schools().upsertAll(List.of(school("B", SchoolType.ELEMENTARY, 100),
                school("A", SchoolType.JUNIOR_HIGH, 200), school("C", SchoolType.ELEMENTARY, 300)));
        assertEquals(new SchoolImport(3, 0, List.of("B", "A", "C")), first);
        SchoolImport second = db.schools().upsertAll(List.of(school("A", SchoolType.JUNIOR_HIGH, 250),
                school("D", SchoolType.HIGH, 900)));
        assertEquals(new SchoolImport(1, 1, List.of("A", "D")), second);

        assertEquals(List.of("A", "B"), ids(db.schools().list(null, 0, 2)));
        assertEquals(List.of("C", "D"), ids(db.schools().list(null, 2, 2)));
        assertEquals(List.of("B", "C"), ids(db.schools().list(SchoolType.ELEMENTARY, 0, 10)));
        assertEquals(4, db.schools().count(null));
        assertEquals(2, db.schools().count(SchoolType.ELEMENTARY));
        assertEquals(250, db.schools().find("A").orElseThrow().enrollment());
        assertEquals("学校A", db.schools().find("A").orElseThrow().name().ja());
        assertFalse(db.schools().find("Z").isPresent());
    }

    @Test
    void aSampleSchoolImportedAgainUnchangedStaysASampleAndAChangedOneBecomesReal() {
        School sample = new School("S", LocalizedText.of("見本校", "Sample"), SchoolType.ELEMENTARY, 100, 4, true);
        db.schools().upsertAll(List.of(sample, new School("T", LocalizedText.of("見本校2", "Sample 2"),
                SchoolType.ELEMENTARY, 200, 6, true)));
        SchoolImport again = db.schools().upsertAll(List.of(new School("S", sample.name(), sample.type(), 100, 4, false),
                new School("T", LocalizedText.of("見本校2", "Sample 2"), SchoolType.ELEMENTARY, 210, 6, false)));
        assertEquals(new SchoolImport(0, 1, List.of("S", "T")), again, "S unchanged, T updated");
        assertTrue(db.schools().find("S").orElseThrow().sample(), "an unchanged school keeps its sample flag");
        assertFalse(db.schools().find("T").orElseThrow().sample(), "a changed one is the board's own now");
    }

    @Test
    void aFailedBatchStoresNothing() {
        School tooLong = new School("X".repeat(40), LocalizedText.of("長すぎるID", "Too long id"), SchoolType.HIGH, 1, 1,
                false);
        assertThrows(RuntimeException.class,
                () -> db.schools().upsertAll(List.of(school("E", SchoolType.HIGH, 10), tooLong)));
        assertEquals(0, db.schools().count(null));
    }

    @Test
    void demoRunsAreRememberedPerModuleAndYear() {
        assertFalse(db.demoRuns().filled("usage", 2025));
        db.demoRuns().record("usage", 2025);
        db.demoRuns().record("usage", 2025);
        assertTrue(db.demoRuns().filled("usage", 2025));
        assertFalse(db.demoRuns().filled("usage", 2024));
        assertFalse(db.demoRuns().filled("training", 2025));
    }

    @Test
    void auditEntriesAreFoundNewestFirstByActorSchoolActionAndTime() {
        Instant t0 = Instant.parse("2025-06-01T00:00:00Z");
        AuditStore audit = db.audit();
        audit.insert(new AuditEntry(0, t0, "sato", "board", null, "api", "POST /api/schools/import", "200", "2 added"));
        audit.insert(new AuditEntry(0, t0.plusSeconds(60), "suzuki", "school", "S-E01", "api",
                "POST /api/usage/checkins", "201", null));
        AuditEntry last = audit.insert(new AuditEntry(0, t0.plusSeconds(120), "suzuki", "school", "S-E01", "api",
                "POST /api/schools/import", "403", null));
        assertTrue(last.id() > 0);
        assertEquals(List.of("403", "201", "200"), outcomes(audit.find(AuditLog.Query.all(), 0, 10)));
        assertEquals(List.of("403", "201"), outcomes(audit.find(new AuditLog.Query("suzuki", null, null, null, null), 0, 10)));
        assertEquals(2, audit.count(new AuditLog.Query(null, "S-E01", null, null, null)));
        // A page's count stops at what it is asked to count to, and says so.
        assertEquals(List.of("1 of 3", "1 of 3 or more", "1 of 2 or more", "1 of 1 or more"),
                java.util.stream.LongStream.of(4, 3, 2, 1).mapToObj(atMost -> audit.page(AuditLog.Query.all(), 0, 1,
                        atMost)).map(f -> f.entries().size() + " of " + f.total() + (f.totalAtLeast() ? " or more" : ""))
                        .toList());
        assertTrue(audit.page(new AuditLog.Query(" ", "", "", null, null), 0, 1, 2).totalAtLeast(), "blank is none");
        AuditStore.Found school = audit.page(new AuditLog.Query(null, "S-E01", null, null, null), 1, 1, 3);
        assertEquals(List.of("201"), outcomes(school.entries()));
        assertEquals(2, school.total());
        assertFalse(school.totalAtLeast());
        // A part of the action few entries have: its page is read from the table, in the same order.
        assertEquals(List.of("403", "200"), outcomes(audit.page(new AuditLog.Query(null, null, "import", null, null),
                0, 10, 10_000).entries()));
        assertEquals(List.of("200"), outcomes(audit.page(new AuditLog.Query(null, null, "import", null, null), 1, 10,
                10_000).entries()));
        // One most entries have: walked from the newest until the page is full.
        assertEquals(List.of("201"), outcomes(audit.page(new AuditLog.Query(null, null, "/api/", null, null), 1, 1,
                10_000).entries()));
        assertEquals(List.of("403", "200"), outcomes(audit.find(new AuditLog.Query(null, null, "schools/import", null, null), 0, 10)));
        assertEquals(List.of("201"), outcomes(audit.find(new AuditLog.Query(null, null, null, t0.plusSeconds(60),
                t0.plusSeconds(120)), 0, 10)));
        assertEquals(List.of("201"), outcomes(audit.find(AuditLog.Query.all(), 1, 1)));
        assertEquals("2 added", audit.find(AuditLog.Query.all(), 2, 1).get(0).summary());
    }

    /** Every change raises the counter another node compares with what it holds. */
    @Test
    void moduleSwitchesPerSchoolAreKeptAndChanged() {
        ModuleSchoolStore switches = db.moduleSchools();
        assertTrue(switches.read().disabled().isEmpty());
        long mark = switches.mark();
        assertEquals(mark, switches.read().mark());
        Instant now = Instant.now();
        switches.set("usage", "S-E01", false, now, "sato");
        switches.set("usage", "S-E02", false, now, "sato");
        switches.set("training", "S-E01", false, now, "sato");
        switches.set("usage", "S-E02", true, now, "sato");
        assertEquals(java.util.Map.of("usage", java.util.Set.of("S-E01"), "training", java.util.Set.of("S-E01")),
                switches.read().disabled());
        assertEquals(mark + 4, switches.mark(), "four changes");
        assertEquals(mark + 4, switches.read().mark());
    }

    private static List<String> outcomes(List<AuditEntry> entries) {
        return entries.stream().map(AuditEntry::outcome).toList();
    }

    private static School school(String id, SchoolType type, int enrollment) {
        return new School(id, LocalizedText.of("学校" + id, "School " + id), type, enrollment, 10, false);
    }

    private static List<String> ids(List<School> schools) {
        return schools.stream().map(School::id).toList();
    }
}
