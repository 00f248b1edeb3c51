package org.gigaplan.plan.security;

/**
 * The caller may not touch what it asked for, typically another school's data. The platform answers 403 with
 * an {@code application/problem+json} body and logs the attempt with the caller.
 */
public class AccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String japanese;

    public AccessDeniedException(String detail) {
        this(detail, null);
    }

    /** A refusal worded in English and in Japanese (answered to callers who read Japanese). */
    public AccessDeniedException(String detail, String japanese) {
        super(detail);
        this.japanese = japanese;
    }

    /** Why, in Japanese; null when only English was given. */
    public String japanese() {
        return japanese;
    }
}
