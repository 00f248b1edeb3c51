package org.gigaplan.platform.internal.rest;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.platform.internal.AuditSummaries;
import org.gigaplan.platform.internal.security.ApiKeyService;
import org.gigaplan.platform.internal.security.ApiKeyService.CreatedKey;
import org.gigaplan.platform.internal.security.ApiKeyService.KeyInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** API keys of machine clients, managed by the board. The key itself is in the answer to its creation only. */
@Component(service = ApiKeyResource.class)
@GigaPlanResource(name = "gigaplan.api-keys")
@Path("api-keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    /** What a new key is for. */
    public record NewKey(String schoolId, String label) {
    }

    private final ApiKeyService keys;
    private final AuditLog audit;

    @Activate
    public ApiKeyResource(@Reference ApiKeyService keys, @Reference AuditLog audit) {
        this.keys = keys;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewKey request, @Context SecurityContext security) {
        CreatedKey key = keys.create(request.schoolId(), request.label(), by(security));
        audit.describe(key.schoolId(), AuditSummaries.apiKeyCreated(key.keyId(), key.label(), key.schoolId()));
        return Response.status(Response.Status.CREATED).entity(key).build();
    }

    @GET
    public List<KeyInfo> list(@QueryParam("school") String school) {
        return keys.list(school);
    }

    @DELETE
    @Path("{keyId}")
    public Response revoke(@PathParam("keyId") String keyId, @Context SecurityContext security) {
        if (!keys.revoke(keyId, by(security))) {
            throw Problem.notFound("keyId", "no working API key " + keyId);
        }
        audit.describe(AuditSummaries.apiKeyRevoked(keyId));
        return Response.noContent().build();
    }

    private static String by(SecurityContext security) {
        return "api:" + Caller.of(security).map(Caller::name).orElseThrow(IllegalStateException::new);
    }
}
