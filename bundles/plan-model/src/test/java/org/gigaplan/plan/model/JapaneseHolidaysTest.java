package org.gigaplan.plan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Against the Cabinet Office's published lists (国民の祝日・休日月日), including every kind of moved day. */
class JapaneseHolidaysTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2019|0101 0114 0211 0321 0429 0430 0501 0502 0503 0504 0505 0506 0715 0811 0812 0916 0923 1014 1022 1103 1104 1123",
            "2020|0101 0113 0211 0223 0224 0320 0429 0503 0504 0505 0506 0723 0724 0810 0921 0922 1103 1123",
            "2021|0101 0111 0211 0223 0320 0429 0503 0504 0505 0722 0723 0808 0809 0920 0923 1103 1123",
            "2025|0101 0113 0211 0223 0224 0320 0429 0503 0504 0505 0506 0721 0811 0915 0923 1013 1103 1123 1124",
            "2026|0101 0112 0211 0223 0320 0429 0503 0504 0505 0506 0720 0811 0921 0922 0923 1012 1103 1123",
            "2027|0101 0111 0211 0223 0321 0322 0429 0503 0504 0505 0719 0811 0920 0923 1011 1103 1123" })
    void matchTheCabinetOfficesList(int year, String days) {
        List<LocalDate> expected = Arrays.stream(days.split(" "))
                .map(d -> LocalDate.of(year, Integer.parseInt(d.substring(0, 2)), Integer.parseInt(d.substring(2))))
                .toList();
        assertEquals(expected, List.copyOf(JapaneseHolidays.of(year).keySet()));
    }

    @Test
    void nameEachDay() {
        assertEquals("国民の休日", JapaneseHolidays.of(2026).get(LocalDate.of(2026, 9, 22)));
        assertEquals("休日", JapaneseHolidays.of(2026).get(LocalDate.of(2026, 5, 6)));
        assertEquals("春分の日", JapaneseHolidays.of(2026).get(LocalDate.of(2026, 3, 20)));
        assertTrue(JapaneseHolidays.isHoliday(LocalDate.of(2025, 11, 24)));
        assertFalse(JapaneseHolidays.isHoliday(LocalDate.of(2025, 11, 25)));
        assertFalse(JapaneseHolidays.isHoliday(LocalDate.of(2026, 12, 23)), "the Emperor's Birthday moved to 2/23");
    }

    @Test
    void refuseYearsTheRulesDoNotCover() {
        assertThrows(IllegalArgumentException.class, () -> JapaneseHolidays.of(1999));
        assertThrows(IllegalArgumentException.class, () -> JapaneseHolidays.of(2100));
    }
}
