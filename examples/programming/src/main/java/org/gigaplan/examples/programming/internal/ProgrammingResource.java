package org.gigaplan.examples.programming.internal;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.FiscalYearParam;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Programming lessons at {@code /api/programming}: a school's staff and teachers record their classes' lessons and
 * see each class's count in the term; the board reads every school's and the city's share. The platform
 * authenticates the caller, refuses another school's {@code schoolId} (403) and answers errors as problems.
 */
@Component(service = ProgrammingResource.class)
@GigaPlanResource(name = "programming.lessons")
@Path("programming")
@Produces(MediaType.APPLICATION_JSON)
public class ProgrammingResource {

    private final ProgrammingService service;

    @Activate
    public ProgrammingResource(@Reference ProgrammingService service) {
        this.service = service;
    }

    /** A school's lessons in a fiscal year (this one by default), newest first. */
    @GET
    @Path("schools/{schoolId}/lessons")
    @Allow({ Role.BOARD, Role.SCHOOL, Role.TEACHER })
    public List<ProgrammingLesson> lessons(@PathParam("schoolId") String schoolId,
            @QueryParam("fiscalYear") Integer fiscalYear) {
        return service.lessons(schoolId, year(fiscalYear));
    }

    /** Records a lesson of one of the school's classes. */
    @POST
    @Path("schools/{schoolId}/lessons")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({ Role.BOARD, Role.SCHOOL, Role.TEACHER })
    public ProgrammingLesson record(@PathParam("schoolId") String schoolId, ProgrammingService.Input input,
            @Context Caller caller) {
        return service.record(schoolId, input, caller.name(), false);
    }

    /** Each class's lessons in the fiscal year's term now, and whether it reaches the minimum. */
    @GET
    @Path("schools/{schoolId}/classes")
    @Allow({ Role.BOARD, Role.SCHOOL, Role.TEACHER })
    public List<ProgrammingService.ClassLessons> classes(@PathParam("schoolId") String schoolId,
            @QueryParam("fiscalYear") Integer fiscalYear) {
        return service.classes(schoolId, year(fiscalYear));
    }

    /** The share of classes with at least the minimum of lessons in the term: a school's, or the city's. */
    @GET
    @Path("share")
    @Allow({ Role.BOARD, Role.SCHOOL })
    public ProgrammingService.Share share(@QueryParam("schoolId") String schoolId,
            @QueryParam("fiscalYear") Integer fiscalYear, @Context Caller caller) {
        return service.share(caller.readScope(schoolId), year(fiscalYear));
    }

    /** The fiscal year asked for (refused naming the parameter when out of range), this one when none is. */
    private FiscalYear year(Integer fiscalYear) {
        return FiscalYearParam.of(fiscalYear, "fiscalYear", service.clock());
    }
}
