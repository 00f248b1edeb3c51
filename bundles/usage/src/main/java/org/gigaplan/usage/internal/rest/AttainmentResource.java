package org.gigaplan.usage.internal.rest;

import java.time.LocalDate;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.usage.internal.SceneAttainment;
import org.gigaplan.usage.internal.AttainmentService;
import org.gigaplan.usage.internal.UsageService;
import org.gigaplan.usage.internal.AttainmentService.GroupBy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Attainment of the scene targets (場面ごとの端末活用目標): per scene, the share of classes and of schools at the
 * target, for a week, a term or the fiscal year, grouped by city, school type, grade or school; and the trend week
 * by week. The board sees the city or any school; a school's users their own school.
 */
@Component(service = AttainmentResource.class)
@GigaPlanResource(name = "usage.attainment")
@Path("usage/attainment")
@Produces(MediaType.APPLICATION_JSON)
@Allow({ Role.BOARD, Role.SCHOOL })
public class AttainmentResource {

    private final UsageService usage;
    private final AttainmentService attainments;

    @Activate
    public AttainmentResource(@Reference UsageService usage, @Reference AttainmentService attainments) {
        this.usage = usage;
        this.attainments = attainments;
    }

    /**
     * @param by       city (default), type, grade, school, or class (with a school)
     * @param week     a Monday of the fiscal year (which, without fiscalYear, is the week's); or
     * @param term     a term number (1 = 前期, 2 = 後期 by default); neither = the whole year
     * @param schoolId one school; a school's users get theirs
     */
    @GET
    public SceneAttainment attainment(@QueryParam("fiscalYear") Integer fiscalYear, @QueryParam("week") LocalDate week,
            @QueryParam("term") Integer term, @QueryParam("by") String by, @QueryParam("schoolId") String schoolId,
            @Context Caller caller) {
        String school = scope(caller, schoolId);
        GroupBy group = by == null ? GroupBy.CITY : GroupBy.parse(by)
                .orElseThrow(() -> new InvalidInputException("by", "one of city, type, grade, school, class (with "
                        + "schoolId), was \"" + by + "\""));
        // A week alone names its fiscal year: the one its Monday falls in.
        FiscalYear fy = fiscalYear == null && week != null ? FiscalYear.containing(week)
                : Requests.fiscalYear(usage, fiscalYear);
        return attainments.attainment(Requests.period(usage, fy, week, term), group, school);
    }

    /** Week-by-week shares of classes and schools meeting each scene's target. */
    @GET
    @Path("trend")
    public SceneAttainment.Trend trend(@QueryParam("fiscalYear") Integer fiscalYear, @QueryParam("schoolId") String schoolId,
            @Context Caller caller) {
        String school = scope(caller, schoolId);
        return attainments.trend(Requests.fiscalYear(usage, fiscalYear), school);
    }

    /** The board's city (no school) or a school; a school's users get their own. */
    private String scope(Caller caller, String schoolId) {
        String school = caller.readScope(schoolId);
        if (school != null) {
            usage.school(school, "schoolId");
        }
        return school;
    }
}
