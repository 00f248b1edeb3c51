package org.gigaplan.plan.rest;

/**
 * A write refused because of what is stored already (the year exists, the id is taken, the version is reused). The
 * platform answers it with 409 and an {@code application/problem+json} body naming the field, as
 * {@link InvalidInputException} does for 400.
 */
public class ConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public ConflictException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    /** The request field whose value conflicts. */
    public String field() {
        return field;
    }
}
