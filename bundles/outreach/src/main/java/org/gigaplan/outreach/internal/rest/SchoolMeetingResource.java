package org.gigaplan.outreach.internal.rest;

import java.util.List;
import java.util.Map;

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

import org.gigaplan.outreach.internal.Meeting;
import org.gigaplan.outreach.internal.MeetingService;
import org.gigaplan.plan.rest.FiscalYearParam;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.AuditLog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A school's own records: staff meetings that shared ICT initiatives and parent meetings that explained ICT use,
 * written and read by its staff (and the board).
 */
@Component(service = SchoolMeetingResource.class)
@GigaPlanResource(name = "outreach.school-meetings")
@Path("outreach/schools/{schoolId}")
@Produces(MediaType.APPLICATION_JSON)
@Allow({ Role.BOARD, Role.SCHOOL })
public class SchoolMeetingResource {

    private final MeetingService meetings;
    private final AuditLog audit;

    @Activate
    public SchoolMeetingResource(@Reference MeetingService meetings, @Reference AuditLog audit) {
        this.meetings = meetings;
        this.audit = audit;
    }

    /** Staff meetings, all or none: {@code [{"heldOn":"2025-06-12","topics":["…"],"planItems":["P4-S1"],"attendees":32}]}. */
    @POST
    @Path("staff-meetings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Integer> staff(@PathParam("schoolId") String schoolId, List<Meeting.Input> input,
            @Context Caller caller) {
        return record(Meeting.Kind.STAFF, schoolId, input, caller);
    }

    /** Parent meetings, all or none: {@code [{"heldOn":"2025-05-20","audience":"全校保護者会","topics":["…"],"attendees":120,"materials":"…"}]}. */
    @POST
    @Path("parent-meetings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Integer> parent(@PathParam("schoolId") String schoolId, List<Meeting.Input> input,
            @Context Caller caller) {
        return record(Meeting.Kind.PARENT, schoolId, input, caller);
    }

    /** The school's staff meetings of a fiscal year (this one by default). */
    @GET
    @Path("staff-meetings")
    public List<Meeting> staffMeetings(@PathParam("schoolId") String schoolId, @QueryParam("fiscalYear") Integer fiscalYear) {
        return list(Meeting.Kind.STAFF, schoolId, fiscalYear);
    }

    /** The school's parent meetings of a fiscal year (this one by default). */
    @GET
    @Path("parent-meetings")
    public List<Meeting> parentMeetings(@PathParam("schoolId") String schoolId, @QueryParam("fiscalYear") Integer fiscalYear) {
        return list(Meeting.Kind.PARENT, schoolId, fiscalYear);
    }

    /** Removes a meeting recorded by mistake. */
    @DELETE
    @Path("meetings/{id}")
    public void delete(@PathParam("schoolId") String schoolId, @PathParam("id") long id) {
        if (!meetings.delete(schoolId, id)) {
            throw new NotFoundException("no meeting " + id + " of school " + schoolId);
        }
        audit.describe(schoolId, "outreach meeting " + id + " deleted");
    }

    private Map<String, Integer> record(Meeting.Kind kind, String schoolId, List<Meeting.Input> input, Caller caller) {
        int stored = meetings.record(kind, schoolId, input, caller.name(), false);
        audit.describe(schoolId, "outreach " + kind.name().toLowerCase(java.util.Locale.ROOT) + " meetings: " + stored);
        return Map.of("meetings", stored);
    }

    private List<Meeting> list(Meeting.Kind kind, String schoolId, Integer fiscalYear) {
        return meetings.meetings(kind, schoolId, FiscalYearParam.of(fiscalYear, "fiscalYear", meetings.clock()));
    }
}
