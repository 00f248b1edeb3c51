package org.gigaplan.platform.internal.security;

import java.time.Duration;
import java.util.Optional;

import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.gigaplan.platform.internal.rest.Problem;

/**
 * Limits how often each address may call /api without logging in ({@link AddressLimits}), so anonymous callers of
 * the public reads can never starve logged-in users: past the limit they are answered 429 with {@code Retry-After}.
 * Runs after {@link AuthFilter}: a caller with credentials is never counted here.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION + 1)
public final class AnonymousLimit implements ContainerRequestFilter {

    private final AddressLimits limits;
    private final java.util.function.Function<HttpServletRequest, String> address;

    /** The servlet request, for the caller's address (a proxy of the current request, injected by the runtime). */
    @Context
    HttpServletRequest servletRequest;

    /** @param address the address a request's client is counted by ({@link Logins#address}) */
    public AnonymousLimit(AddressLimits limits, java.util.function.Function<HttpServletRequest, String> address) {
        this.limits = limits;
        this.address = address;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        boolean anonymous = (request.getSecurityContext() == null || request.getSecurityContext().getUserPrincipal() == null)
                && request.getProperty(AuthFilter.NO_ROLE) == null
                && request.getHeaderString(HttpHeaders.AUTHORIZATION) == null;
        if (!anonymous) {
            return;
        }
        Optional<Duration> wait = limits.take(address.apply(servletRequest));
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            request.abortWith(Response.fromResponse(Problem.of(Response.Status.TOO_MANY_REQUESTS, "too many calls "
                    + "without logging in from this address: try again in " + seconds + " s, or log in").toResponse())
                    .header(HttpHeaders.RETRY_AFTER, seconds).build());
        }
    }
}
