package org.gigaplan.environment.internal.rest;

import java.util.Map;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.gigaplan.environment.internal.lrs.PreconditionFailed;
import org.gigaplan.plan.rest.GigaPlanRest;
import org.osgi.service.component.annotations.Component;

/** 412 Precondition Failed, as a problem document, when a document changed since the client read its ETag. */
@Component(service = ExceptionMapper.class, property = { "osgi.jaxrs.extension=true",
        "osgi.jaxrs.name=environment.precondition-failed",
        "osgi.jaxrs.application.select=" + GigaPlanRest.APPLICATION_SELECT })
public class PreconditionFailedMapper implements ExceptionMapper<PreconditionFailed> {

    @Override
    public Response toResponse(PreconditionFailed e) {
        return Response.status(Response.Status.PRECONDITION_FAILED).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "title", "Precondition Failed", "status", 412, "detail",
                        e.getMessage()))
                .build();
    }
}
