package org.gigaplan.plan.rest;

import java.util.List;

/**
 * Input that cannot be accepted. The platform answers it with 400 and an {@code application/problem+json}
 * body naming each failing field, so modules throw it instead of building error responses.
 */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public InvalidInputException(String field, String detail) {
        this(List.of(new FieldError(field, detail)));
    }

    /** A field refused with what is wrong in English and in Japanese (answered to callers who read Japanese). */
    public InvalidInputException(String field, String detail, String japanese) {
        this(List.of(new FieldError(field, detail, japanese)));
    }

    public InvalidInputException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid input" : errors.get(0).field() + ": " + errors.get(0).detail());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The most errors one answer names; a file with thousands of bad rows is answered with the first ones. */
    public static final int MAX_ERRORS = 100;

    /** Throws for the errors collected, the first {@value #MAX_ERRORS} of them; returns when there are none. */
    public static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors);
        }
    }

    /**
     * A field (JSON path, query parameter, CSV line and column) and what is wrong with it, in English, and in Japanese
     * when the check says it ({@code japanese}; null leaves it to the platform, which knows the wording of the shared
     * checks). Answers name {@code field} and {@code detail} in the caller's language.
     */
    public record FieldError(String field, String detail, String japanese) {

        /** In English only. */
        public FieldError(String field, String detail) {
            this(field, detail, null);
        }
    }
}
