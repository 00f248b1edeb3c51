package ${package}.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.testkit.FakeSchools;
import org.gigaplan.testkit.SourceRules;
import org.gigaplan.testkit.TestClocks;
import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/** The module's records and its indicator on a real database (embedded Derby), with the test kit's fakes. */
class ${moduleClass}ServiceTest {

    private final TestDatabase db = TestDatabase.derby("${moduleId}");
    private final FakeSchools schools = FakeSchools.sample();
    private final ${moduleClass}Service service = new ${moduleClass}Service(db, TestClocks.at("2025-06-10T10:00"),
            schools);

    {
        // The service made the tables when it started (its changelog); each test starts from them empty.
        db.clear("${moduleId}_record");
    }

    @Test
    void aRecordIsKeptAndCountsItsSchool() {
        String school = schools.all().get(0).id();
        service.record(school, new ${moduleClass}Service.Input(LocalDate.of(2025, 6, 2), "プログラミング入門", 2), "t",
                false);
        assertEquals(1, service.records(school, new FiscalYear(2025)).size());
        ${moduleClass}Service.Share share = service.share(null, new FiscalYear(2025));
        assertEquals(1, share.recording());
        assertEquals(schools.all().size(), share.schools());
        assertEquals(0, service.records(school, new FiscalYear(2024)).size(), "another year's");
    }

    @Test
    void theModuleReadsNoClockButThePlatforms() {
        // Now, today and the zone come from PlanClock, so a trial set to another day moves this module too.
        assertEquals(java.util.List.of(), SourceRules.systemClockReads(java.nio.file.Path.of("src", "main", "java")));
    }

    @Test
    void badInputIsRefusedNamingEachField() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> service.record("nowhere",
                new ${moduleClass}Service.Input(LocalDate.of(2025, 7, 1), " ", 0), "t", false));
        assertEquals(java.util.List.of("schoolId", "day", "title", "hours"), e.errors().stream()
                .map(InvalidInputException.FieldError::field).toList());
        assertTrue(service.records(null, new FiscalYear(2025)).isEmpty(), "nothing stored");
    }
}
