package org.gigaplan.environment.internal.rest;

import java.net.URI;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.gigaplan.environment.internal.Webhook;
import org.gigaplan.environment.internal.Webhooks;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.AuditLog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A school's webhook URLs for speed-test agents that cannot set a header: made (the URL shown once), listed, revoked
 * by the school's staff or the board.
 */
@Component(service = WebhookResource.class)
@GigaPlanResource(name = "environment.webhooks")
@Path("environment/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Allow({ Role.BOARD, Role.SCHOOL })
public class WebhookResource {

    /** What to make: for which school (the board names one; a school's staff their own) and a label. */
    public record WebhookInput(String schoolId, String label) {
    }

    /** A hook just made: its URL holds the secret and is shown this once. */
    public record CreatedWebhook(Webhook webhook, String url) {
    }

    private final Webhooks webhooks;
    private final AuditLog audit;

    @Activate
    public WebhookResource(@Reference Webhooks webhooks, @Reference AuditLog audit) {
        this.webhooks = webhooks;
        this.audit = audit;
    }

    /** The hooks, newest first: a school's staff see their own, the board every school's or one's. */
    @GET
    public List<Webhook> list(@QueryParam("schoolId") String schoolId, @Context Caller caller) {
        return webhooks.list(caller.readScope(schoolId));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(WebhookInput input, @Context Caller caller, @Context UriInfo uri) {
        WebhookInput in = input == null ? new WebhookInput(null, null) : input;
        String school = caller.schoolScope(in.schoolId());
        Webhooks.Created made = webhooks.create(school, in.label(), caller.name());
        audit.describe(school, "environment webhook #" + made.webhook().id() + " made");
        URI url = uri.getBaseUriBuilder().path(Webhooks.PATH + made.secret()).build();
        return Response.status(Response.Status.CREATED)
                .entity(new CreatedWebhook(made.webhook(), url.toString())).build();
    }

    /** Revokes a hook: its URL answers 404 from now on. */
    @DELETE
    @Path("{id}")
    public Webhook revoke(@PathParam("id") long id, @Context Caller caller) {
        Webhook hook = webhooks.find(id).orElseThrow(() -> new NotFoundException("no webhook " + id));
        caller.requireSchool(hook.schoolId());
        audit.describe(hook.schoolId(), "environment webhook #" + id + " revoked");
        return webhooks.revoke(id, caller.name());
    }
}
