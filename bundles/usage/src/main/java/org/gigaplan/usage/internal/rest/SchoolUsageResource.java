package org.gigaplan.usage.internal.rest;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
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

import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.usage.internal.OwnMeasure;
import org.gigaplan.usage.internal.MeasureService;
import org.gigaplan.usage.internal.UsageService;
import org.gigaplan.usage.internal.SchoolClass;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * One school's classes that report, and (high and secondary schools) its own measures. The platform refuses another
 * school's {@code {schoolId}} to everyone but the board.
 */
@Component(service = SchoolUsageResource.class)
@GigaPlanResource(name = "usage.schools")
@Path("usage/schools/{schoolId}")
@Produces(MediaType.APPLICATION_JSON)
@Allow({ Role.BOARD, Role.SCHOOL })
public class SchoolUsageResource {

    private final UsageService usage;
    private final MeasureService ownMeasures;
    private final AuditLog audit;

    @Activate
    public SchoolUsageResource(@Reference UsageService usage, @Reference MeasureService ownMeasures, @Reference AuditLog audit) {
        this.usage = usage;
        this.ownMeasures = ownMeasures;
        this.audit = audit;
    }

    /** The school's classes on its list; with {@code retired=true} also those it no longer names. */
    @GET
    @Path("classes")
    public List<SchoolClass> classes(@PathParam("schoolId") String schoolId, @QueryParam("retired") Boolean retired) {
        usage.school(schoolId, "schoolId");
        return usage.classes(schoolId, Boolean.TRUE.equals(retired));
    }

    /**
     * Puts the school's whole class list, so a class that does not report shows on the board's reminder list: new
     * classes are added; a class left out is retired when it has records (they stay) and removed when it has none.
     */
    @PUT
    @Path("classes")
    @Consumes(MediaType.APPLICATION_JSON)
    public UsageService.ClassChange putClasses(@PathParam("schoolId") String schoolId,
            List<UsageService.ClassInput> classes) {
        UsageService.ClassChange change = usage.replaceClasses(schoolId, classes);
        audit.describe(schoolId, "usage classes of " + schoolId + ": " + change.classes().size() + " listed, "
                + change.added().size() + " added, " + change.relisted().size() + " listed again, "
                + change.retired().size() + " retired, " + change.removed().size() + " removed");
        return change;
    }

    /** The board removes a class a school made by mistake, with every record of it. */
    @DELETE
    @Path("classes/{classId}")
    @Allow(Role.BOARD)
    public UsageService.ClassRemoval removeClass(@PathParam("schoolId") String schoolId,
            @PathParam("classId") long classId) {
        usage.school(schoolId, "schoolId");
        UsageService.ClassRemoval removal = usage.removeClass(schoolId, classId)
                .orElseThrow(() -> new NotFoundException("no class " + classId + " of " + schoolId));
        audit.describe(schoolId, "usage class " + removal.removed().label() + " of " + schoolId + " removed with "
                + removal.records() + " records");
        return removal;
    }

    /** The school's own measures of a fiscal year (default: this one), with their progress. */
    @GET
    @Path("measures")
    public List<OwnMeasure> measures(@PathParam("schoolId") String schoolId, @QueryParam("fiscalYear") Integer fiscalYear) {
        usage.school(schoolId, "schoolId");
        return ownMeasures.measures(schoolId, Requests.fiscalYear(usage, fiscalYear));
    }

    /** Registers an own measure of a high, secondary or special-needs school. */
    @POST
    @Path("measures")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addMeasure(@PathParam("schoolId") String schoolId, MeasureService.MeasureInput input,
            @Context Caller caller) {
        OwnMeasure m = ownMeasures.addMeasure(schoolId, input, caller.name());
        audit.describe(schoolId, "usage measure " + m.id() + " added for FY" + m.fiscalYear() + ": " + m.text());
        return Response.status(Response.Status.CREATED).entity(m).build();
    }
}
