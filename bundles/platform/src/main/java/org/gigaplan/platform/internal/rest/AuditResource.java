package org.gigaplan.platform.internal.rest;

import java.time.Instant;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.rest.PageRequest;
import org.gigaplan.plan.service.AuditEntry;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.platform.internal.AuditLogImpl;
import org.gigaplan.platform.internal.store.AuditStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The audit log, for the board: every write through /api and the console, newest first. */
@Component(service = AuditResource.class)
@GigaPlanResource(name = "gigaplan.audit")
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditLogImpl audit;

    @Activate
    public AuditResource(@Reference AuditLogImpl audit) {
        this.audit = audit;
    }

    /**
     * A page of the log. Every write through /api is an entry, a city's machines' writes millions a year: the entries
     * matching are counted no further than {@link AuditStore#COUNTED} past the page's start. {@code total} is that
     * count; {@code totalAtLeast} says the counting stopped there, and more entries match.
     */
    public record AuditPage(List<AuditEntry> items, int offset, int limit, long total, boolean totalAtLeast) {

        public AuditPage {
            items = List.copyOf(items);
        }
    }

    /**
     * Entries filtered by actor, school, a part of the action ({@code schools/import}) and a time range
     * ({@code from} inclusive, {@code to} exclusive, ISO-8601 instants).
     */
    @GET
    public AuditPage find(@QueryParam("actor") String actor, @QueryParam("school") String school,
            @QueryParam("action") String action, @QueryParam("from") Instant from, @QueryParam("to") Instant to,
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        PageRequest page = PageRequest.of(offset, limit);
        AuditLog.Query query = new AuditLog.Query(actor, school, action, from, to);
        AuditStore.Found found = audit.page(query, page.offset(), page.limit(), page.offset() + AuditStore.COUNTED);
        return new AuditPage(found.entries(), page.offset(), page.limit(), found.total(), found.totalAtLeast());
    }
}
