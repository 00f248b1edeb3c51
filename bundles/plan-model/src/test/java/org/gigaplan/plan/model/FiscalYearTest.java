package org.gigaplan.plan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FiscalYearTest {

    @Test
    void runsFromAprilFirstToMarchThirtyFirst() {
        FiscalYear fy = FiscalYear.of(2025);
        assertEquals(LocalDate.of(2025, 4, 1), fy.start());
        assertEquals(LocalDate.of(2026, 3, 31), fy.end());
    }

    @ParameterizedTest
    @CsvSource({
            "2025-04-01, 2025",
            "2025-12-31, 2025",
            "2026-01-01, 2025",
            "2026-03-31, 2025",
            "2026-04-01, 2026",
            "2025-03-31, 2024",
            "2024-02-29, 2023"
    })
    void placesDatesOnBothSidesOfTheBoundary(LocalDate date, int expected) {
        assertEquals(expected, FiscalYear.containing(date).year());
        assertTrue(FiscalYear.of(expected).contains(date));
        assertFalse(FiscalYear.of(expected + 1).contains(date));
    }

    @ParameterizedTest
    @CsvSource({
            "2025, 令和7年度",
            "2023, 令和5年度",
            "2027, 令和9年度",
            "2020, 令和2年度",
            "2019, 令和元年度",
            "2018, 平成30年度",
            
            "1990, 平成2年度"
    })
    void namesTheYearInTheJapaneseCalendar(int year, String label) {
        if (year < FiscalYear.MIN_YEAR) {
            return;
        }
        assertEquals(label, FiscalYear.of(year).japaneseLabel());
    }

    @Test
    void beginsAndEndsAtMidnightInTheCitysZone() {
        java.time.ZoneId tokyo = java.time.ZoneId.of("Asia/Tokyo");
        FiscalYear fy = FiscalYear.of(2025);
        assertEquals(java.time.Instant.parse("2025-03-31T15:00:00Z"), fy.startIn(tokyo));
        assertEquals(java.time.Instant.parse("2026-03-31T15:00:00Z"), fy.endIn(tokyo));
        // 2026-03-31 15:30 UTC is already April 1 in Japan.
        assertEquals(FiscalYear.of(2026), FiscalYear.containing(java.time.Instant.parse("2026-03-31T15:30:00Z"), tokyo));
        assertEquals(FiscalYear.of(2025), FiscalYear.containing(java.time.Instant.parse("2026-03-31T14:59:59Z"), tokyo));
    }

    @Test
    void namesTheYearInEnglish() {
        assertEquals("FY2025", FiscalYear.of(2025).englishLabel());
        assertEquals(new LocalizedText("令和7年度", "FY2025"), FiscalYear.of(2025).label());
    }

    @Test
    void refusesYearsNobodyPlansFor() {
        assertThrows(IllegalArgumentException.class, () -> FiscalYear.of(1800));
        assertThrows(IllegalArgumentException.class, () -> FiscalYear.of(12025));
    }

    @Test
    void stepsAndOrders() {
        assertEquals(FiscalYear.of(2026), FiscalYear.of(2025).next());
        assertEquals(FiscalYear.of(2024), FiscalYear.of(2025).previous());
        assertTrue(FiscalYear.of(2024).compareTo(FiscalYear.of(2025)) < 0);
    }
}
