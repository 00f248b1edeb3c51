package org.gigaplan.environment.internal.rest;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.gigaplan.environment.internal.Finding;
import org.gigaplan.environment.internal.NetworkService;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.AuditLog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Findings (schools below the recommended bandwidth) and what people found and did about them. */
@Component(service = FindingResource.class)
@GigaPlanResource(name = "environment.findings")
@Path("environment/findings")
@Produces(MediaType.APPLICATION_JSON)
@Allow({ Role.BOARD, Role.SCHOOL })
public class FindingResource {

    /** A cause, countermeasure or verification; a verification may name the measurement that shows it. */
    public record NoteInput(String kind, String text, Long measurementId) {
    }

    /** Who acts on a finding (a name or a role) and by when; null or empty: none. */
    public record Assignment(String owner, java.time.LocalDate dueDate) {
    }

    private final NetworkService network;
    private final AuditLog audit;

    @Activate
    public FindingResource(@Reference NetworkService network, @Reference AuditLog audit) {
        this.network = network;
        this.audit = audit;
    }

    /** Findings, newest first (open ones only with {@code open=true}); a school's staff see their own. */
    @GET
    public List<Finding> list(@QueryParam("open") Boolean open, @QueryParam("schoolId") String schoolId,
            @Context Caller caller) {
        String school = caller.readScope(schoolId);
        return network.findings(school, Boolean.TRUE.equals(open));
    }

    /** How many findings are open, and the median days to resolve the closed ones (a school: its own). */
    @GET
    @Path("summary")
    public NetworkService.FindingSummary summary(@QueryParam("schoolId") String schoolId,
            @Context Caller caller) {
        String school = caller.readScope(schoolId);
        return network.findingSummary(school);
    }

    @GET
    @Path("{id}")
    public Finding one(@PathParam("id") long id, @Context Caller caller) {
        Finding f = network.finding(id).orElseThrow(() -> new NotFoundException("no finding " + id));
        caller.requireSchool(f.schoolId());
        return f;
    }

    @POST
    @Path("{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response note(@PathParam("id") long id, NoteInput input, @Context Caller caller) {
        Finding f = network.finding(id).orElseThrow(() -> new NotFoundException("no finding " + id));
        caller.requireSchool(f.schoolId());
        NoteInput in = input == null ? new NoteInput(null, null, null) : input;
        Finding after = network.addNote(f, in.kind(), in.text(), in.measurementId(), caller.name());
        audit.describe(f.schoolId(), "environment finding " + id + " " + in.kind() + ": " + in.text());
        return Response.status(Response.Status.CREATED).entity(after).build();
    }

    /** Sets who acts on a finding and by when: {@code {"owner": "情報担当 佐藤", "dueDate": "2026-12-20"}}. */
    @PUT
    @Path("{id}/assignment")
    @Consumes(MediaType.APPLICATION_JSON)
    public Finding assign(@PathParam("id") long id, Assignment input, @Context Caller caller) {
        Finding f = network.finding(id).orElseThrow(() -> new NotFoundException("no finding " + id));
        caller.requireSchool(f.schoolId());
        Assignment in = input == null ? new Assignment(null, null) : input;
        Finding after = network.assign(f, in.owner(), in.dueDate());
        audit.describe(f.schoolId(), "environment finding " + id + " assigned to " + after.owner() + ", due "
                + after.dueDate());
        return after;
    }
}
