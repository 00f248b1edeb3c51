package org.gigaplan.platform.internal.rest;

import java.io.InputStream;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.model.OutlookItem;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.rest.GigaPlanRest;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.plan.service.PlanImport;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.platform.internal.AuditSummaries;
import org.gigaplan.plan.security.Public;
import org.gigaplan.plan.security.Caller;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** The plan tree, public; import of new plan data, for the board. */
@Component(service = PlanResource.class)
@JaxrsResource
@JaxrsName("gigaplan.plan")
@JaxrsApplicationSelect(GigaPlanRest.APPLICATION_SELECT)
@Path("plan")
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {

    private final PlanService plans;
    private final AuditLog audit;

    @Activate
    public PlanResource(@Reference PlanService plans, @Reference AuditLog audit) {
        this.plans = plans;
        this.audit = audit;
    }

    /** The whole plan: period, every fiscal year's action plan, outlook and indicators. */
    @GET
    @Public
    public Plan plan() {
        return plans.plan();
    }

    /** One fiscal year's action plan: basic policies → measures → action items. */
    @GET
    @Public
    @Path("action-plans/{fiscalYear}")
    public ActionPlan actionPlan(@PathParam("fiscalYear") String fiscalYear) {
        return Params.actionPlan(plans.plan(), "fiscalYear", fiscalYear);
    }

    @GET
    @Public
    @Path("outlook")
    public List<OutlookItem> outlook() {
        return plans.plan().outlook();
    }

    /** Replaces the plan in force with a new version of the data file; the old one stays in the history. */
    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importPlan(InputStream body, @Context SecurityContext security) {
        Plan before = plans.plan();
        PlanImport imported = plans.importPlan(body,
                "api:" + Caller.of(security).map(Caller::name).orElseThrow(IllegalStateException::new));
        audit.describe(AuditSummaries.planImport(before, imported));
        return Response.status(Response.Status.CREATED).entity(imported).build();
    }

    @GET
    @Path("imports")
    public List<PlanImport> imports() {
        return plans.history();
    }
}
