package org.gigaplan.environment.internal.rest;

import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

import org.gigaplan.environment.internal.HistoryUse;
import org.gigaplan.environment.internal.HistoryUseService;
import org.gigaplan.plan.model.FiscalYear;
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
 * Teachers' use of learning histories: each teacher's report per fiscal year (a teacher reports their own; the
 * school's staff or the board for anyone of the school), a school's figures, and the board's per-school table.
 */
@Component(service = HistoryUseResource.class)
@GigaPlanResource(name = "environment.learning-history")
@Path("environment/learning-history")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryUseResource {

    /** The city's figures and each school's. */
    public record CityUse(HistoryUse.Use city, List<HistoryUse.Use> schools) {
    }

    private final HistoryUseService uses;
    private final AuditLog audit;

    @Activate
    public HistoryUseResource(@Reference HistoryUseService uses, @Reference AuditLog audit) {
        this.uses = uses;
        this.audit = audit;
    }

    /** Reports {@code [{"teacherId":"T01","fiscalYear":2025,"frequency":"WEEKLY"}]}, all or none. */
    @POST
    @Path("schools/{schoolId}/uses")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({ Role.BOARD, Role.SCHOOL, Role.TEACHER })
    public Map<String, Integer> report(@PathParam("schoolId") String schoolId, List<HistoryUse.Report> reports,
            @Context Caller caller) {
        if (reports != null) {
            for (HistoryUse.Report r : reports) {
                String teacher = r == null || r.teacherId() == null ? null : r.teacherId().trim();
                if (teacher != null) {
                    caller.requireTeacher(schoolId, teacher);
                }
            }
        }
        int stored = uses.report(schoolId, reports, caller.name(), caller.role() == Role.BOARD, false);
        audit.describe(schoolId, "environment learning-history use: " + stored + " reports");
        return Map.of("reports", stored);
    }

    /** A school's figures for a fiscal year (this one by default); the board sees none for fewer than five. */
    @GET
    @Path("schools/{schoolId}/uses")
    @Allow({ Role.BOARD, Role.SCHOOL })
    public HistoryUse.Use school(@PathParam("schoolId") String schoolId, @QueryParam("fiscalYear") Integer fiscalYear,
            @Context Caller caller) {
        return uses.use(fiscalYear(fiscalYear), schoolId, caller.role() == Role.BOARD);
    }

    /** The city's figures and every school's with reports, for the board. */
    @GET
    @Path("uses")
    public CityUse city(@QueryParam("fiscalYear") Integer fiscalYear) {
        FiscalYear fy = fiscalYear(fiscalYear);
        return new CityUse(uses.use(fy, null, true), uses.bySchool(fy));
    }

    private FiscalYear fiscalYear(Integer year) {
        return FiscalYearParam.of(year, "fiscalYear", uses.clock());
    }
}
