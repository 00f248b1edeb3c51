package org.gigaplan.environment.internal.store;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** A school's day (its local date in the platform's zone), or a school's week by its Monday; in school, day order. */
record SchoolDay(String schoolId, LocalDate day) implements Comparable<SchoolDay> {

    /** The school's week this day lies in: its Monday. */
    SchoolDay week() {
        return new SchoolDay(schoolId, week(day));
    }

    /** A day's week: its Monday. */
    static LocalDate week(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    @Override
    public int compareTo(SchoolDay o) {
        int bySchool = schoolId.compareTo(o.schoolId);
        return bySchool != 0 ? bySchool : day.compareTo(o.day);
    }
}
