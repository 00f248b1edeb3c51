package org.gigaplan.plan.rest;

/**
 * A write refused because of what is stored already (the year exists, the id is taken, the version is reused). The
 * platform answers it with 409 and an {@code application/problem+json} body naming the field, as
 * {@link InvalidInputException} does for 400.
 */
public class ConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String japanese;

    public ConflictException(String field, String detail) {
        this(field, detail, null);
    }

    /** A conflict worded in English and in Japanese (answered to callers who read Japanese; the console shows both). */
    public ConflictException(String field, String detail, String japanese) {
        super(detail);
        this.field = field;
        this.japanese = japanese;
    }

    /** What conflicts, in Japanese; null when only English was given. */
    public String japanese() {
        return japanese;
    }

    /** The request field whose value conflicts. */
    public String field() {
        return field;
    }
}
