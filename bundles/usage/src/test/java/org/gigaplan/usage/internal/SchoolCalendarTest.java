package org.gigaplan.usage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;

import org.gigaplan.plan.model.FiscalYear;
import org.junit.jupiter.api.Test;

class SchoolCalendarTest {

    private final SchoolCalendar calendar = SchoolCalendar.of(UsageFixture.config(3, 50), UsageFixture.CLOCK);

    @Test
    void aWeekCountsInTheFiscalYearAndTermItsMondayFallsIn() {
        // March 30, 2026 is a Monday: its week, running into April, is FY2025's last.
        assertEquals(FiscalYear.of(2025), SchoolCalendar.fiscalYearOf(LocalDate.of(2026, 3, 30)));
        SchoolCalendar.Period year = calendar.year(FiscalYear.of(2025));
        assertEquals(LocalDate.of(2025, 4, 7), year.firstWeek());
        assertEquals(LocalDate.of(2026, 3, 30), year.lastWeek());
        SchoolCalendar.Period first = calendar.term(FiscalYear.of(2025), 1);
        SchoolCalendar.Period second = calendar.term(FiscalYear.of(2025), 2);
        assertEquals(LocalDate.of(2025, 9, 29), first.lastWeek());
        assertEquals(LocalDate.of(2025, 10, 6), second.firstWeek());
        assertEquals(LocalDate.of(2026, 3, 30), second.lastWeek());
        assertEquals("令和7年度 前期", first.label().ja());
        assertThrows(IllegalArgumentException.class, () -> calendar.term(FiscalYear.of(2025), 3));
    }

    @Test
    void termStartsMayComeAsOneCommaSeparatedValueAndInAnyOrder() {
        SchoolCalendar three = SchoolCalendar.of(new DelegatingConfig() {
            @Override
            public String[] termStarts() {
                return new String[] { "01-08, 04-01", "09-01" };
            }
        }, UsageFixture.CLOCK);
        assertEquals(3, three.terms());
        assertEquals(LocalDate.of(2026, 1, 12), three.term(FiscalYear.of(2025), 3).firstWeek());
        assertThrows(IllegalArgumentException.class, () -> new SchoolCalendar(UsageFixture.CLOCK,
                List.of(MonthDay.of(4, 2)), 60));
    }

    @Test
    void eventsInOneLessonSlotShareItsStartInTheSchoolsZone() {
        Instant a = Instant.parse("2025-06-02T01:05:00Z"); // 10:05 in Tokyo
        Instant b = Instant.parse("2025-06-02T01:59:59Z");
        Instant c = Instant.parse("2025-06-02T02:00:00Z");
        assertEquals(Instant.parse("2025-06-02T01:00:00Z"), calendar.slotOf(a));
        assertEquals(calendar.slotOf(a), calendar.slotOf(b));
        assertEquals(Instant.parse("2025-06-02T02:00:00Z"), calendar.slotOf(c));
        // Sunday 23:30 UTC is Monday morning in Tokyo: the new week.
        assertEquals(LocalDate.of(2025, 6, 2), calendar.weekOf(Instant.parse("2025-06-01T23:30:00Z")));
    }

    /** The fixture's configuration, with single values overridden. */
    private abstract static class DelegatingConfig implements UsageConfig {
        private final UsageConfig base = UsageFixture.config(3, 50);

        @Override
        public Class<? extends java.lang.annotation.Annotation> annotationType() {
            return UsageConfig.class;
        }

        @Override
        public int timesPerWeek() {
            return base.timesPerWeek();
        }

        @Override
        public int schoolClassShare() {
            return base.schoolClassShare();
        }

        @Override
        public String reminderSchedule() {
            return base.reminderSchedule();
        }

        @Override
        public String[] termStarts() {
            return base.termStarts();
        }

        @Override
        public int slotMinutes() {
            return base.slotMinutes();
        }
    }
}
