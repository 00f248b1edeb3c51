package org.gigaplan.examples.programming.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A programming lesson a class had, as the API answers it.
 *
 * @param grade     the class's grade within its school (1–6 at an elementary school, 1–3 at a junior high)
 * @param className the class within its grade: "1" for 5年1組, or its name ("ひまわり")
 * @param unit      the unit taught, as the teacher wrote it ("正多角形をかこう")
 * @param hours     lesson hours (校時) it took
 * @param tools     what the learners programmed with ("Scratch", "micro:bit", …)
 */
public record ProgrammingLesson(long id, String schoolId, int grade, String className, LocalDate day, String unit,
        int hours, List<String> tools, String recordedBy, Instant recordedAt, boolean demo) {

    /** The class as the module keys it: grade, a dash, class ({@code 5-1}). */
    public String classRef() {
        return classRef(grade, className);
    }

    /** A class as the module names it: grade, a dash, class ({@code 5-1}). */
    public static String classRef(int grade, String className) {
        return grade + "-" + className;
    }
}
