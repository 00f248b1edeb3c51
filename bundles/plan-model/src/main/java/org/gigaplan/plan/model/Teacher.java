package org.gigaplan.plan.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A teacher on a school's list. Records name teachers by their code within the school, never by person's name; a
 * module refuses a record for a teacher the school has not listed.
 *
 * @param schoolId     the school
 * @param code         the school's own code for the teacher ({@code T01}); 1–32 letters, digits, '_', '.' or '-'
 * @param name         an optional display name the school gives, or null
 * @param registeredAt when the teacher was first listed
 * @param source       how they came on the list: {@code LIST} (the school's list), {@code LOGIN} (their own
 *                     login), {@code RECORDS} (named by records made before the list existed), {@code ROSTER}
 *                     (the board's roster) or {@code DEMO}
 * @param retiredAt    when the school took them off its list, or null while listed; their records stay
 */
public record Teacher(String schoolId, String code, String name, Instant registeredAt, String source, Instant retiredAt) {

    /** The form of a teacher's code: 1–32 letters, digits, '_', '.' or '-'. */
    public static final String CODE = "[\\p{L}\\p{N}_.-]{1,32}";

    /** {@link #source()}: the school's list. */
    public static final String LIST = "LIST";
    /** {@link #source()}: the teacher's own login. */
    public static final String LOGIN = "LOGIN";
    /** {@link #source()}: named by records made before the list existed. */
    public static final String RECORDS = "RECORDS";
    /** {@link #source()}: demo data. */
    public static final String DEMO = "DEMO";
    /** {@link #source()}: the board's roster (OneRoster import); retired when the roster no longer names them. */
    public static final String ROSTER = "ROSTER";

    public Teacher {
        Objects.requireNonNull(schoolId, "schoolId");
        Objects.requireNonNull(code, "code");
    }

    public boolean retired() {
        return retiredAt != null;
    }
}
