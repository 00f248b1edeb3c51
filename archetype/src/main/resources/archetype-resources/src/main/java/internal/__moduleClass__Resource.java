package ${package}.internal;

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
 * A school's ${moduleClass} records at {@code /api/${moduleId}}: the school's staff write theirs, the board reads
 * every school's. The platform authenticates the caller, refuses another school's {@code schoolId} (403), and answers
 * errors as problems in Japanese and English.
 */
@Component(service = ${moduleClass}Resource.class)
@GigaPlanResource(name = "${moduleId}.records")
@Path("${moduleId}")
@Produces(MediaType.APPLICATION_JSON)
public class ${moduleClass}Resource {

    private final ${moduleClass}Service service;

    @Activate
    public ${moduleClass}Resource(@Reference ${moduleClass}Service service) {
        this.service = service;
    }

    /** A school's records in a fiscal year (this one by default), newest first. */
    @GET
    @Path("schools/{schoolId}/records")
    @Allow({ Role.BOARD, Role.SCHOOL })
    public List<${moduleClass}Record> records(@PathParam("schoolId") String schoolId,
            @QueryParam("fiscalYear") Integer fiscalYear) {
        return service.records(schoolId, year(fiscalYear));
    }

    /** Records one for the school. */
    @POST
    @Path("schools/{schoolId}/records")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({ Role.BOARD, Role.SCHOOL })
    public ${moduleClass}Record record(@PathParam("schoolId") String schoolId, ${moduleClass}Service.Input input,
            @Context Caller caller) {
        return service.record(schoolId, input, caller.name(), false);
    }

    /** How many schools recorded at least once in a fiscal year, of how many. */
    @GET
    @Path("share")
    @Allow({ Role.BOARD })
    public ${moduleClass}Service.Share share(@QueryParam("fiscalYear") Integer fiscalYear) {
        return service.share(null, year(fiscalYear));
    }

    /** The fiscal year asked for (refused naming the parameter when out of range), this one when none is. */
    private FiscalYear year(Integer fiscalYear) {
        return FiscalYearParam.of(fiscalYear, "fiscalYear", service.clock());
    }
}
