package org.gigaplan.platform.internal.rest;

import javax.ws.rs.GET;
import javax.ws.rs.NotAuthorizedException;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.plan.service.ProgressReport;
import org.gigaplan.plan.service.ProgressService;
import org.gigaplan.plan.service.SchoolService;
import org.gigaplan.plan.spi.Scope;
import org.gigaplan.plan.security.AccessDeniedException;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.security.Public;
import org.gigaplan.platform.internal.security.AuthFilter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The progress roll-up: the plan with live evidence. */
@Component(service = ProgressResource.class)
@GigaPlanResource(name = "gigaplan.progress")
@Path("progress")
@Produces(MediaType.APPLICATION_JSON)
public class ProgressResource {

    private final PlanService plans;
    private final SchoolService schools;
    private final ProgressService progress;
    private final PlanClock clock;

    @Activate
    public ProgressResource(@Reference PlanService plans, @Reference SchoolService schools,
            @Reference ProgressService progress, @Reference PlanClock clock) {
        this.clock = clock;
        this.plans = plans;
        this.schools = schools;
        this.progress = progress;
    }

    /**
     * Each action item and indicator of a fiscal year's action plan with its current value, for the city
     * (public) or one school (its staff and the board); indicators no installed module computes say so. Today's
     * fiscal year by default; a year without an action plan is 404 saying so (never another year instead).
     */
    @GET
    @Public
    @Reused
    public ProgressReport report(@QueryParam("fiscalYear") String fiscalYear, @QueryParam("school") String school,
            @Context SecurityContext security) {
        ActionPlan actionPlan = Params.actionPlan(plans.plan(), "fiscalYear", fiscalYear, clock,
                Params.board(security));
        return readable(progress, schools, actionPlan.year(), school, security);
    }

    /**
     * The report of a fiscal year a caller may read: the city's to anyone (the public one, which may lag a little,
     * to those not logged in); one school's to the board and that school's staff and teachers.
     */
    static ProgressReport readable(ProgressService progress, SchoolService schools, FiscalYear fiscalYear, String school,
            SecurityContext security) {
        if (school == null && Caller.of(security).isEmpty()) {
            return progress.publicReport(fiscalYear);
        }
        Scope scope = Scope.city();
        if (school != null) {
            Caller caller = Caller.of(security).orElseThrow(() -> new NotAuthorizedException(
                    "log in to see a school's progress", AuthFilter.CHALLENGE));
            if (caller.role() == Role.AGENT) {
                throw new AccessDeniedException("API keys may only post records", "APIキーでは記録の送信だけができます");
            }
            if (caller.role() == Role.LEARNER) {
                throw new AccessDeniedException("a school's progress is for its staff, its teachers and the board",
                        "学校の進み具合は、その学校の職員・先生と教育委員会が見られます");
            }
            caller.requireSchool(school);
            scope = Scope.school(schools.find(school).orElseThrow(() -> Problem.notFound("school", "no school " + school))
                    .id());
        }
        return progress.report(fiscalYear, scope);
    }
}
