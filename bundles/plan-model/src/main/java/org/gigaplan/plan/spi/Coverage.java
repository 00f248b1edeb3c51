package org.gigaplan.plan.spi;

import org.gigaplan.plan.model.LocalizedText;

/**
 * How much of what an indicator should be computed over it was computed over: 9 of 11 schools reported. A city's
 * share over the schools that reported says nothing of those that did not; this says how many did not, and the
 * roll-up judges a value only when enough did.
 *
 * @param reporting how many reported (schools, classes, teachers, learners: {@code of})
 * @param expected  how many were expected to; at least {@code reporting}
 * @param of        what is counted, as a reader says it: 校 / schools
 */
public record Coverage(int reporting, int expected, LocalizedText of) {

    public static final LocalizedText SCHOOLS = LocalizedText.of("校", "schools");
    public static final LocalizedText CLASSES = LocalizedText.of("学級", "classes");

    public Coverage {
        if (reporting < 0 || expected < reporting) {
            throw new IllegalArgumentException("coverage " + reporting + " of " + expected);
        }
    }

    public static Coverage schools(int reporting, int expected) {
        return new Coverage(reporting, expected, SCHOOLS);
    }

    /** The share that reported, in % to one decimal; null when none were expected. */
    public Double share() {
        return Percent.of(reporting, expected);
    }
}
