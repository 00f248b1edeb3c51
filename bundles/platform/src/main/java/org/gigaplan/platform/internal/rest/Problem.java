package org.gigaplan.platform.internal.rest;

import java.util.List;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;

import org.gigaplan.plan.rest.GigaPlanRest;
import org.gigaplan.plan.rest.InvalidInputException.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An error body as RFC 9457 defines it, with the failing field named.
 *
 * @param field  the first failing field, for clients that read only one
 * @param errors every failing field with what is wrong with it
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String field, List<FieldError> errors) {

    public static Problem of(Response.StatusType status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null, List.of());
    }

    public static Problem invalid(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).detail()
                : errors.size() + " fields are invalid";
        return new Problem("about:blank", "Bad Request", 400, detail,
                errors.isEmpty() ? null : errors.get(0).field(), errors);
    }

    /** A 404 that names the parameter whose value matched nothing. */
    public static WebApplicationException notFound(String field, String detail) {
        return new WebApplicationException(detail, new Problem("about:blank", "Not Found", 404, detail, field,
                List.of(new FieldError(field, detail))).toResponse());
    }

    /**
     * A 403 saying why, in Japanese too when given (null: English only, or the platform's own wording, which
     * ProblemLanguage knows).
     */
    public static Problem forbidden(String detail, String japanese) {
        return japanese == null ? of(Response.Status.FORBIDDEN, detail)
                : new Problem("about:blank", "Forbidden", 403, detail, null,
                        List.of(new FieldError("access", detail, japanese)));
    }

    /**
     * A 409 naming the field whose value conflicts with what is stored, with what conflicts in Japanese too (null:
     * English only).
     */
    public static Problem conflict(String field, String detail, String japanese) {
        return new Problem("about:blank", "Conflict", 409, detail, field,
                List.of(new FieldError(field, detail, japanese)));
    }

    public Response toResponse() {
        return Response.status(status).type(GigaPlanRest.PROBLEM_JSON).entity(this).build();
    }
}
