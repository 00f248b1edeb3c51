package org.gigaplan.environment.internal;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.gigaplan.plan.model.JapaneseHolidays;

/**
 * When lessons are held: weekdays that are not Japanese public holidays, from one time of day to another, in the
 * platform's zone. Read once from the configuration ({@code schoolDay = 08:30-15:30}); a setting that is not
 * HH:MM-HH:MM is reported when it is used, so the rest of the module keeps working.
 */
record SchoolDay(LocalTime from, LocalTime to, String problem) {

    static SchoolDay of(String setting) {
        try {
            String[] span = setting.trim().split("-");
            return new SchoolDay(LocalTime.parse(span[0].trim()), LocalTime.parse(span[1].trim()), null);
        } catch (RuntimeException e) {
            return new SchoolDay(null, null, EnvironmentConfig.PID + " schoolDay = \"" + setting
                    + "\" is not HH:MM-HH:MM (e.g. 08:30-15:30)");
        }
    }

    /** Whether a moment falls in the school day, on a weekday that is not a public holiday, in a zone. */
    boolean contains(OffsetDateTime at, ZoneId zone) {
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        ZonedDateTime local = at.atZoneSameInstant(zone);
        DayOfWeek day = local.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !local.toLocalTime().isBefore(from)
                && local.toLocalTime().isBefore(to) && !JapaneseHolidays.isHoliday(local.toLocalDate());
    }
}
