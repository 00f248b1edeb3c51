package org.gigaplan.examples.programming.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.LocalDate;
import java.util.List;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.testkit.FakeSchools;
import org.gigaplan.testkit.SourceRules;
import org.gigaplan.testkit.TestClocks;
import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/** Lessons per class and the share of classes reaching the minimum in the term, on embedded Derby. */
class ProgrammingServiceTest {

    private final TestDatabase db = TestDatabase.derby("programming");
    private final FakeSchools schools = new FakeSchools(FakeSchools.school("E1", "一小", "First", SchoolType.ELEMENTARY,
            300, 12), FakeSchools.school("E2", "二小", "Second", SchoolType.ELEMENTARY, 200, 8));
    private final TestClocks.Settable clock = TestClocks.at("2025-11-10T10:00");
    private final ProgrammingService service = new ProgrammingService(db, clock, schools, config(2, "04-01,10-01"));

    {
        // The service made its table when it started (its changelog); each test starts from it empty.
        db.clear("programming_lesson");
    }

    static ProgrammingConfig config(int minimum, String terms) {
        return new ProgrammingConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ProgrammingConfig.class;
            }

            @Override
            public int minimumLessons() {
                return minimum;
            }

            @Override
            public String termStarts() {
                return terms;
            }
        };
    }

    private void lesson(String school, int grade, String day) {
        service.record(school, new ProgrammingService.Input(grade, "1", LocalDate.parse(day), "正多角形をかこう", 2,
                List.of("Scratch", " micro:bit ")), "t", false);
    }

    @Test
    void readsNoClockButThePlatforms() {
        assertEquals(List.of(), SourceRules.systemClockReads(java.nio.file.Path.of("src", "main", "java")));
    }

    @Test
    void aClassCountsWithTheMinimumOfLessonsInTheTerm() {
        lesson("E1", 5, "2025-10-14");
        lesson("E1", 5, "2025-10-21");
        lesson("E1", 6, "2025-10-15");
        lesson("E1", 6, "2025-06-02"); // the first term's: not this term's
        ProgrammingService.Share share = service.share(null, new FiscalYear(2025));
        assertEquals(new ProgrammingService.Term(2, LocalDate.of(2025, 10, 1), LocalDate.of(2026, 3, 31)),
                share.term());
        assertEquals(1, share.classesCounted(), "5-1 has two this term, 6-1 one");
        assertEquals(20, share.classes(), "the directory's classes of both schools");
        assertEquals(5.0, share.percent(), 0.001);
        assertEquals(List.of("5-1", "6-1"), service.classes("E1", new FiscalYear(2025)).stream()
                .map(ProgrammingService.ClassLessons::classRef).toList());
        assertEquals(8.3, service.share("E1", new FiscalYear(2025)).percent(), 0.001, "1 of 12, to one decimal");
        assertEquals(List.of("Scratch", "micro:bit"), service.lessons("E1", new FiscalYear(2025)).get(0).tools());
    }

    @Test
    void aPastYearCountsItsLastTermAndTheTermsAreConfigured() {
        clock.set("2026-05-01T10:00");
        assertEquals(2, service.term(new FiscalYear(2025)).number(), "a past year: its last term");
        assertEquals(1, service.term(new FiscalYear(2026)).number());
        ProgrammingService three = new ProgrammingService(db, clock, schools, config(1, "04-01,09-01,01-08"));
        assertEquals(new ProgrammingService.Term(3, LocalDate.of(2026, 1, 8), LocalDate.of(2026, 3, 31)),
                three.term(new FiscalYear(2025)));
        assertThrows(IllegalArgumentException.class, () -> ProgrammingService.terms("10-01"));
    }

    @Test
    void badInputIsRefusedNamingEachFieldAndNothingIsKept() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> service.record("E1",
                new ProgrammingService.Input(7, " ", LocalDate.of(2025, 12, 1), "", 0, List.of("a,b")), "t", false));
        assertEquals(List.of("grade", "className", "day", "unit", "hours", "tools"), e.errors().stream()
                .map(InvalidInputException.FieldError::field).toList());
        assertTrue(service.lessons(null, new FiscalYear(2025)).isEmpty());
    }
}
