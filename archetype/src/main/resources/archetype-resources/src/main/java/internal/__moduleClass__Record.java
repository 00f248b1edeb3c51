package ${package}.internal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One ${moduleClass} record of a school, as the API answers it (never the stored row).
 *
 * @param day    the day it happened
 * @param title  what it was, as the school wrote it
 * @param hours  how many lesson hours it took
 * @param demo   whether the demo filled it in
 */
public record ${moduleClass}Record(long id, String schoolId, LocalDate day, String title, int hours, String recordedBy,
        Instant recordedAt, boolean demo) {
}
