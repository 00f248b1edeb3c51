package org.gigaplan.platform.internal.rest;

import java.time.LocalDate;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.rest.GigaPlanRest;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.plan.security.Public;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** The school-year calendar: fiscal years of the plan period with their 令和 labels. */
@Component(service = FiscalYearResource.class)
@JaxrsResource
@JaxrsName("gigaplan.fiscal-years")
@JaxrsApplicationSelect(GigaPlanRest.APPLICATION_SELECT)
@Path("fiscal-years")
@Produces(MediaType.APPLICATION_JSON)
@Public
public class FiscalYearResource {

    /** A fiscal year as the API shows it. */
    public record FiscalYearView(int year, LocalizedText label, LocalDate start, LocalDate end, boolean current,
            boolean inPlanPeriod, boolean hasActionPlan) {
    }

    private final PlanService plans;

    @Activate
    public FiscalYearResource(@Reference PlanService plans) {
        this.plans = plans;
    }

    /** Every fiscal year of the plan period. */
    @GET
    public List<FiscalYearView> list() {
        Plan plan = plans.plan();
        return plan.period().stream().map(fy -> view(plan, fy)).toList();
    }

    /** The fiscal year a date falls in (today when no date is given). */
    @GET
    @Path("current")
    public FiscalYearView current(@QueryParam("date") LocalDate date) {
        return view(plans.plan(), FiscalYear.containing(date == null ? LocalDate.now() : date));
    }

    @GET
    @Path("{year}")
    public FiscalYearView one(@PathParam("year") String year) {
        return view(plans.plan(), Params.fiscalYear("year", year));
    }

    private static FiscalYearView view(Plan plan, FiscalYear fy) {
        return new FiscalYearView(fy.year(), fy.label(), fy.start(), fy.end(), fy.contains(LocalDate.now()),
                plan.covers(fy), plan.actionPlan(fy.year()).isPresent());
    }
}
