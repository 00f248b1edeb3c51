package org.gigaplan.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.gigaplan.plan.model.FiscalYear;
import org.junit.jupiter.api.Test;

/** The one clock: today in the city's zone decides the current fiscal year; a trial can pin the date. */
class ClockServiceTest {

    /** 2026-03-31 15:30 UTC: already April 1 in Tokyo, still March 31 in UTC. */
    private static final Clock SYSTEM = Clock.fixed(Instant.parse("2026-03-31T15:30:00Z"), ZoneOffset.UTC);

    private static ClockConfig config(String zone, String today) {
        return new ClockConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ClockConfig.class;
            }

            @Override
            public String zone() {
                return zone;
            }

            @Override
            public String today() {
                return today;
            }
        };
    }

    @Test
    void todayAndTheFiscalYearAreTheCitysNotTheServersUtc() {
        ClockService clock = new ClockService(config("Asia/Tokyo", ""), SYSTEM);
        assertEquals(LocalDate.of(2026, 4, 1), clock.today());
        assertEquals(FiscalYear.of(2026), clock.currentFiscalYear());
        assertEquals(FiscalYear.of(2025), new ClockService(config("UTC", ""), SYSTEM).currentFiscalYear());
    }

    @Test
    void aPinnedDayMovesTheDateAndKeepsTheTimeOfDay() {
        ClockService clock = new ClockService(config("Asia/Tokyo", "2026-11-30"), SYSTEM);
        assertEquals(LocalDate.of(2026, 11, 30), clock.today());
        assertEquals(FiscalYear.of(2026), clock.currentFiscalYear());
        assertEquals(Instant.parse("2026-11-29T15:30:00Z"), clock.now(), "00:30 in Tokyo, as the real clock");
    }

    @Test
    void aBadSettingIsIgnoredNotFatal() {
        ClockService clock = new ClockService(config("Mars/Olympus", "30.11.2026"), SYSTEM);
        assertEquals(ZoneId.of("Asia/Tokyo"), clock.zone());
        assertEquals(LocalDate.of(2026, 4, 1), clock.today());
    }
}
