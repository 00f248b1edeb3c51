package org.gigaplan.platform.internal.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.plan.security.Public;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The school-year calendar: fiscal years of the plan period with their 令和 labels. */
@Component(service = FiscalYearResource.class)
@GigaPlanResource(name = "gigaplan.fiscal-years")
@Path("fiscal-years")
@Produces(MediaType.APPLICATION_JSON)
@Public
public class FiscalYearResource {

    /**
     * A fiscal year as the API shows it.
     *
     * @param current       today (by the platform's clock) falls in it
     * @param hasActionPlan the caller can open its action plan: published, or a draft and the caller is the board
     * @param draft         its action plan is a draft the board has not published yet
     */
    public record FiscalYearView(int year, LocalizedText label, LocalDate start, LocalDate end, boolean current,
            boolean inPlanPeriod, boolean hasActionPlan, boolean draft) {
    }

    private final PlanService plans;
    private final PlanClock clock;

    @Activate
    public FiscalYearResource(@Reference PlanService plans, @Reference PlanClock clock) {
        this.plans = plans;
        this.clock = clock;
    }

    /** Every fiscal year of the plan period. */
    @GET
    public List<FiscalYearView> list(@Context SecurityContext security) {
        Plan plan = plans.plan();
        return plan.period().stream().map(fy -> view(plan, fy, Params.board(security))).toList();
    }

    /** The fiscal year a date falls in (today when no date is given). */
    @GET
    @Path("current")
    public FiscalYearView current(@QueryParam("date") LocalDate date, @Context SecurityContext security) {
        return view(plans.plan(), date == null ? clock.currentFiscalYear() : FiscalYear.containing(date),
                Params.board(security));
    }

    @GET
    @Path("{year}")
    public FiscalYearView one(@PathParam("year") String year, @Context SecurityContext security) {
        return view(plans.plan(), Params.fiscalYear("year", year), Params.board(security));
    }

    private FiscalYearView view(Plan plan, FiscalYear fy, boolean board) {
        Optional<ActionPlan> actionPlan = plan.actionPlan(fy.year());
        return new FiscalYearView(fy.year(), fy.label(), fy.start(), fy.end(), fy.contains(clock.today()),
                plan.covers(fy), actionPlan.filter(a -> board || a.published()).isPresent(),
                actionPlan.filter(a -> !a.published()).isPresent());
    }
}
