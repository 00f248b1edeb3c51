package org.gigaplan.plan.security;

/**
 * The caller may not touch what it asked for, typically another school's data. The platform answers 403 with
 * an {@code application/problem+json} body and logs the attempt with the caller.
 */
public class AccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String detail) {
        super(detail);
    }
}
