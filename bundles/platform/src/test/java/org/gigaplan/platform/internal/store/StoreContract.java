package org.gigaplan.platform.internal.store;

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
import org.gigaplan.plan.service.PlanImport;
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
        TestDatabases.clear(dataSource());
    }

    @Test
    void migrationsRunOnceAndAgainDoNothing() throws Exception {
        new PlatformDatabase(dataSource());
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM databasechangelog WHERE id LIKE 'platform-%'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertEquals(4, rs.getInt(1));
        }
    }

    @Test
    void planImportsKeepEveryVersionAndTheLatestIsInForce() {
        assertTrue(db.plans().current().isEmpty());
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PlanImport first = db.plans().insert(new PlanImport(0, "p", "1", 1, at, "system", 1, 13, 15, "a".repeat(64)),
                "{\"v\":\"一\"}");
        PlanImport second = db.plans().insert(new PlanImport(0, "p", "2", 1, at.plusSeconds(1), "api", 1, 14, 15,
                "b".repeat(64)), "{\"v\":\"二\"}");
        assertTrue(second.id() > first.id());
        PlanStore.Current current = db.plans().current().orElseThrow();
        assertEquals("2", current.meta().dataVersion());
        assertEquals("{\"v\":\"二\"}", current.document());
        assertEquals(at.plusSeconds(1), current.meta().importedAt());
        assertEquals(List.of("2", "1"), db.plans().history().stream().map(PlanImport::dataVersion).toList());
    }

    @Test
    void schoolsUpsertPageAndFilter() {
        SchoolImport first = db.schools().upsertAll(List.of(school("B", SchoolType.ELEMENTARY, 100),
                school("A", SchoolType.JUNIOR_HIGH, 200), school("C", SchoolType.ELEMENTARY, 300)));
        assertEquals(new SchoolImport(3, 0), first);
        SchoolImport second = db.schools().upsertAll(List.of(school("A", SchoolType.JUNIOR_HIGH, 250),
                school("D", SchoolType.HIGH, 900)));
        assertEquals(new SchoolImport(1, 1), second);

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

    private static School school(String id, SchoolType type, int enrollment) {
        return new School(id, LocalizedText.of("学校" + id, "School " + id), type, enrollment, 10, false);
    }

    private static List<String> ids(List<School> schools) {
        return schools.stream().map(School::id).toList();
    }
}
