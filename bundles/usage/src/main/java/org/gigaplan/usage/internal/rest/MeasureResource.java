package org.gigaplan.usage.internal.rest;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.usage.internal.OwnMeasure;
import org.gigaplan.usage.internal.MeasureService;
import org.gigaplan.usage.internal.UsageService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** High and secondary schools' own measures across the city, and progress updates on one. */
@Component(service = MeasureResource.class)
@GigaPlanResource(name = "usage.measures")
@Path("usage/measures")
@Produces(MediaType.APPLICATION_JSON)
public class MeasureResource {

    private final UsageService usage;
    private final MeasureService ownMeasures;
    private final AuditLog audit;

    @Activate
    public MeasureResource(@Reference UsageService usage, @Reference MeasureService ownMeasures, @Reference AuditLog audit) {
        this.usage = usage;
        this.ownMeasures = ownMeasures;
        this.audit = audit;
    }

    /** Every school's own measures of a fiscal year (default: this one): the board's overview. */
    @GET
    public List<OwnMeasure> all(@QueryParam("fiscalYear") Integer fiscalYear) {
        return ownMeasures.measures(null, Requests.fiscalYear(usage, fiscalYear));
    }

    @GET
    @Path("{id}")
    @Allow({ Role.BOARD, Role.SCHOOL })
    public OwnMeasure one(@PathParam("id") long id, @Context Caller caller) {
        OwnMeasure m = ownMeasures.measure(id).orElseThrow(() -> new NotFoundException("no measure " + id));
        caller.requireSchool(m.schoolId());
        return m;
    }

    /** Adds a progress update to a measure of the caller's school. */
    @POST
    @Path("{id}/updates")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({ Role.BOARD, Role.SCHOOL })
    public OwnMeasure update(@PathParam("id") long id, MeasureService.UpdateInput input, @Context Caller caller) {
        OwnMeasure m = ownMeasures.measure(id).orElseThrow(() -> new NotFoundException("no measure " + id));
        caller.requireSchool(m.schoolId());
        OwnMeasure updated = ownMeasures.addUpdate(m, input, caller.name());
        OwnMeasure.Update last = updated.updates().get(updated.updates().size() - 1);
        audit.describe(m.schoolId(), "usage measure " + id + " progress " + last.date()
                + (last.percent() == null ? "" : " " + last.percent() + "%") + ": " + last.progress());
        return updated;
    }
}
