package org.gigaplan.platform.internal.rest;

import java.time.Instant;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.rest.Page;
import org.gigaplan.plan.rest.PageRequest;
import org.gigaplan.plan.service.AuditEntry;
import org.gigaplan.plan.service.AuditLog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The audit log, for the board: every write through /api and the console, newest first. */
@Component(service = AuditResource.class)
@GigaPlanResource(name = "gigaplan.audit")
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditLog audit;

    @Activate
    public AuditResource(@Reference AuditLog audit) {
        this.audit = audit;
    }

    /**
     * Entries filtered by actor, school, a part of the action ({@code schools/import}) and a time range
     * ({@code from} inclusive, {@code to} exclusive, ISO-8601 instants).
     */
    @GET
    public Page<AuditEntry> find(@QueryParam("actor") String actor, @QueryParam("school") String school,
            @QueryParam("action") String action, @QueryParam("from") Instant from, @QueryParam("to") Instant to,
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        PageRequest page = PageRequest.of(offset, limit);
        AuditLog.Query query = new AuditLog.Query(actor, school, action, from, to);
        return Page.of(audit.find(query, page.offset(), page.limit()), page, audit.count(query));
    }
}
