package org.gigaplan.platform.internal;

import org.gigaplan.plan.rest.ConflictException;

/**
 * A 409 the platform words in Japanese too, as {@code InvalidInputException(field, english, japanese)} does for a 400:
 * callers who read Japanese are answered in it (ProblemLanguage), the console shows both.
 */
public class BilingualConflict extends ConflictException {

    private static final long serialVersionUID = 1L;

    private final String japanese;

    public BilingualConflict(String field, String detail, String japanese) {
        super(field, detail);
        this.japanese = japanese;
    }

    /** What conflicts, in Japanese. */
    public String japanese() {
        return japanese;
    }
}
