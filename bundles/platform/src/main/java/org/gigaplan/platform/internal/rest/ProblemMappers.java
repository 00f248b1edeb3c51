package org.gigaplan.platform.internal.rest;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.ext.ExceptionMapper;

import org.gigaplan.plan.rest.GigaPlanRest;
import org.gigaplan.plan.rest.ConflictException;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.security.AccessDeniedException;
import org.gigaplan.plan.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure of an /api call leaves as application/problem+json. */
final class ProblemMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMappers.class);

    private ProblemMappers() {
    }

    static final class InvalidInput implements ExceptionMapper<InvalidInputException> {
        @Override
        public Response toResponse(InvalidInputException e) {
            return Problem.invalid(e.errors()).toResponse();
        }
    }

    static final class Conflict implements ExceptionMapper<ConflictException> {
        @Override
        public Response toResponse(ConflictException e) {
            return Problem.conflict(e.field(), e.getMessage(), e.japanese()).toResponse();
        }
    }

    static final class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response r = e.getResponse();
            if (r != null && r.hasEntity()) {
                return r;
            }
            Response.StatusType status = r == null ? Response.Status.INTERNAL_SERVER_ERROR : r.getStatusInfo();
            String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? status.getReasonPhrase()
                    : e.getMessage();
            Response.ResponseBuilder out = Response.status(status.getStatusCode())
                    .type(GigaPlanRest.PROBLEM_JSON).entity(Problem.of(status, detail));
            if (r != null) {
                // Keep what the failure said beyond its status, such as Allow on a 405.
                r.getStringHeaders().forEach((name, values) -> {
                    if (!name.equalsIgnoreCase("Content-Type")) {
                        values.forEach(v -> out.header(name, v));
                    }
                });
            }
            return out.build();
        }
    }

    /** 403 for a caller reaching for what is not theirs, logged with who it was. */
    static final class AccessDenied implements ExceptionMapper<AccessDeniedException> {

        @Context
        private SecurityContext security;

        @Override
        public Response toResponse(AccessDeniedException e) {
            String who = Caller.of(security).map(c -> c.name() + " (" + c.role() + ", school " + c.schoolId() + ")")
                    .orElse("an anonymous caller");
            LOG.warn("Refused {}: {}", who, e.getMessage());
            return Problem.forbidden(e.getMessage(), e.japanese()).toResponse();
        }
    }

    static final class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof WebApplicationException w) {
                return new WebApplication().toResponse(w);
            }
            if (e instanceof InvalidInputException i) {
                return new InvalidInput().toResponse(i);
            }
            if (e instanceof ConflictException c) {
                return new Conflict().toResponse(c);
            }
            if (e instanceof AccessDeniedException a) {
                return Problem.of(Response.Status.FORBIDDEN, a.getMessage()).toResponse();
            }
            LOG.error("Unexpected failure in /api", e);
            return Problem.of(Response.Status.INTERNAL_SERVER_ERROR,
                    "The server failed to answer; the error is in the server log.").toResponse();
        }
    }
}
