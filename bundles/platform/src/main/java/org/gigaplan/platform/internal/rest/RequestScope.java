package org.gigaplan.platform.internal.rest;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;

import org.gigaplan.platform.internal.store.OncePerRequest;

/** Marks the thread serving an {@code /api} request, first of all filters, for {@link OncePerRequest}. */
@Priority(Priorities.AUTHENTICATION - 500)
public final class RequestScope implements ContainerRequestFilter, ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        OncePerRequest.begin();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        OncePerRequest.end();
    }
}
