package org.gigaplan.plan.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(TOKYO).toInstant();
    }

    @Test
    void weeklyRunsOnItsDayAtItsTimeInTheCitysZone() {
        Schedule s = Schedule.parse("weekly MON 08:00");
        // 2026-11-30 is a Monday.
        assertEquals(at("2026-11-30T08:00"), s.next(at("2026-11-27T12:00"), TOKYO));
        assertEquals(at("2026-12-07T08:00"), s.next(at("2026-11-30T08:00"), TOKYO), "strictly after");
        assertEquals("weekly MON 08:00", s.toString());
    }

    @Test
    void dailyAndMonthly() {
        assertEquals(at("2026-12-02T07:30"), Schedule.parse("daily 07:30").next(at("2026-12-01T09:00"), TOKYO));
        assertEquals(at("2027-01-01T08:00"), Schedule.parse("monthly 1 08:00").next(at("2026-12-01T09:00"), TOKYO));
        assertEquals(at("2027-02-28T06:00"), Schedule.parse("Monthly 28 06:00").next(at("2027-02-01T00:00"), TOKYO));
    }

    @Test
    void wrongWordsSayWhatIsExpected() {
        for (String bad : new String[] { "", "hourly 08:00", "weekly MOON 08:00", "monthly 31 08:00", "daily 25:00",
                "weekly MON" }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedule.parse(bad), bad);
            assertTrue(e.getMessage().contains("weekly MON 08:00"), e.getMessage());
        }
    }

    @Test
    void audiencesRoundTripThroughTheirCode() {
        for (Audience a : new Audience[] { Audience.board(), Audience.school("S-E01"), Audience.teacher("S-E01", "T01") }) {
            assertEquals(a, Audience.parse(a.code()));
        }
        assertThrows(IllegalArgumentException.class, () -> Audience.school(" "));
        assertThrows(IllegalArgumentException.class, () -> new Notice("Bad", "k", Audience.board(),
                org.gigaplan.plan.model.LocalizedText.of("a", "a"), org.gigaplan.plan.model.LocalizedText.of("a", "a"),
                null, null, null));
    }
}
