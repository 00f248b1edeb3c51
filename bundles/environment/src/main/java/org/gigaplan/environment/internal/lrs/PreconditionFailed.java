package org.gigaplan.environment.internal.lrs;

/** A document's ETag is not what the request's If-Match or If-None-Match says: 412 Precondition Failed. */
public final class PreconditionFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PreconditionFailed(String message) {
        super(message);
    }
}
