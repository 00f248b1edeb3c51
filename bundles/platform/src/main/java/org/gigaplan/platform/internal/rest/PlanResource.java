package org.gigaplan.platform.internal.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.Indicator;
import org.gigaplan.plan.model.OutlookItem;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.rest.ConflictException;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Public;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.PlanVersion;
import org.gigaplan.platform.internal.AuditSummaries;
import org.gigaplan.platform.internal.IndicatorEditor;
import org.gigaplan.platform.internal.IndicatorEditor.IndicatorInput;
import org.gigaplan.platform.internal.IndicatorEditor.TargetInput;
import org.gigaplan.platform.internal.PastYears;
import org.gigaplan.platform.internal.PlanEditor;
import org.gigaplan.platform.internal.PlanEditor.ItemInput;
import org.gigaplan.platform.internal.PlanImportCheck;
import org.gigaplan.platform.internal.PlanServiceImpl;
import org.gigaplan.platform.internal.ProgressServiceImpl;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The plan tree, public once published; for the board, the plan's life: import, rolling an action plan forward to a
 * new fiscal year as a draft, editing action items and indicators, publishing, and every version before → after.
 */
@Component(service = PlanResource.class)
@GigaPlanResource(name = "gigaplan.plan")
@Path("plan")
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {

    /**
     * What the board asks for to create a fiscal year's action plan; with {@code newPeriod}, the year starts the next
     * plan period.
     */
    public record RollOver(Integer fiscalYear, Integer from, PlanEditor.NewPeriod newPeriod) {
    }

    /** One version read back: what made it and the plan as it was then. */
    public record VersionView(PlanVersion version, Plan plan) {
    }

    private final PlanServiceImpl plans;
    private final AuditLog audit;
    private final PlanClock clock;
    private final ProgressServiceImpl modules;
    /** The plan without its drafts, as those who are not the board see it, made once per plan held. */
    private volatile PublicView publicView;

    private record PublicView(Plan of, Plan view) {
    }

    @Activate
    public PlanResource(@Reference PlanServiceImpl plans, @Reference AuditLog audit, @Reference PlanClock clock,
            @Reference ProgressServiceImpl modules) {
        this.plans = plans;
        this.audit = audit;
        this.clock = clock;
        this.modules = modules;
    }

    /** The whole plan: period, every fiscal year's action plan (drafts for the board only), outlook and indicators. */
    @GET
    @Public
    @Reused
    public Plan plan(@Context SecurityContext security) {
        Plan plan = plans.plan();
        if (Params.board(security) || plan.actionPlans().stream().allMatch(ActionPlan::published)) {
            return plan;
        }
        PublicView known = publicView;
        if (known == null || known.of() != plan) {
            known = new PublicView(plan, new Plan(plan.formatVersion(), plan.dataVersion(), plan.id(), plan.title(),
                    plan.vision(), plan.subtitle(), plan.firstYear(), plan.lastYear(), plan.source(),
                    plan.actionPlans().stream().filter(ActionPlan::published).toList(), plan.outlook(),
                    plan.indicators(), plan.earlierPeriods()));
            publicView = known;
        }
        return known.view();
    }

    /** One fiscal year's action plan: basic policies → measures → action items. */
    @GET
    @Public
    @Path("action-plans/{fiscalYear}")
    public ActionPlan actionPlan(@PathParam("fiscalYear") String fiscalYear, @Context SecurityContext security) {
        return Params.actionPlan(plans.plan(), "fiscalYear", fiscalYear, clock, Params.board(security));
    }

    @GET
    @Public
    @Path("outlook")
    public List<OutlookItem> outlook() {
        return plans.plan().outlook();
    }

    /**
     * Creates a fiscal year's action plan as a draft, carried over from an earlier year's ({@code from}, else the
     * latest before it): 201; 409 when the year has one; 400 naming the plan period when the year lies outside it.
     */
    @POST
    @Path("action-plans")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rollOver(RollOver body, @QueryParam(PastYears.PARAMETER) boolean pastYear,
            @Context SecurityContext security) {
        if (body == null || body.fiscalYear() == null) {
            throw new InvalidInputException("fiscalYear", "required: the fiscal year to create, such as "
                    + clock.currentFiscalYear().year());
        }
        FiscalYear to = Params.fiscalYear("fiscalYear", body.fiscalYear().toString());
        FiscalYear from = body.from() == null ? null : Params.fiscalYear("from", body.from().toString());
        PlanEditor.NewPeriod period = body.newPeriod();
        PlanVersion v = change(PlanVersion.Kind.ROLLOVER, (period == null ? "" : "plan period FY" + to.year() + "–FY"
                + period.lastYear() + " started; ") + to + " action plan drafted from " + (from == null
                        ? "the latest before it" : from), p -> PlanEditor.rollOver(period == null ? p
                                : PlanEditor.startPeriod(p, to, period), to, from), pastYear, security);
        return Response.created(URI.create("plan/action-plans/" + to.year()))
                .entity(plans.plan().actionPlan(to.year()).orElseThrow()).header("X-Plan-Version", v.version()).build();
    }

    /** Publishes a draft action plan to schools and the public; 409 when published already. */
    @POST
    @Path("action-plans/{fiscalYear}/publish")
    public ActionPlan publish(@PathParam("fiscalYear") String fiscalYear,
            @QueryParam(PastYears.PARAMETER) boolean pastYear, @Context SecurityContext security) {
        FiscalYear fy = Params.fiscalYear("fiscalYear", fiscalYear);
        change(PlanVersion.Kind.PUBLISH, fy + " action plan published", p -> PlanEditor.publish(p, fy), pastYear,
                security);
        return plans.plan().actionPlan(fy.year()).orElseThrow();
    }

    /** Adds an action item: 201; 409 when its id is taken in that year. */
    @POST
    @Path("action-plans/{fiscalYear}/items")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addItem(@PathParam("fiscalYear") String fiscalYear, ItemInput item,
            @QueryParam(PastYears.PARAMETER) boolean pastYear, @Context SecurityContext security) {
        FiscalYear fy = Params.fiscalYear("fiscalYear", fiscalYear);
        change(PlanVersion.Kind.EDIT, fy + " action item " + (item == null ? "" : item.id()) + " added",
                p -> PlanEditor.addItem(p, fy, item), pastYear, security);
        String id = item.id().trim();
        return Response.created(URI.create("plan/action-plans/" + fy.year() + "/items/" + id))
                .entity(plans.plan().actionPlan(fy.year()).orElseThrow().actionItems().stream()
                        .filter(i -> i.id().equals(id)).findFirst().orElseThrow())
                .build();
    }

    /** Changes an action item: the members given (text, actor, priority, indicatorIds, measure), the others kept. */
    @PUT
    @Path("action-plans/{fiscalYear}/items/{itemId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public PlanVersion changeItem(@PathParam("fiscalYear") String fiscalYear, @PathParam("itemId") String itemId,
            ItemInput item, @QueryParam(PastYears.PARAMETER) boolean pastYear, @Context SecurityContext security) {
        FiscalYear fy = Params.fiscalYear("fiscalYear", fiscalYear);
        return change(PlanVersion.Kind.EDIT, fy + " action item " + itemId + " changed",
                p -> PlanEditor.changeItem(p, fy, itemId, item), pastYear, security);
    }

    @DELETE
    @Path("action-plans/{fiscalYear}/items/{itemId}")
    public PlanVersion removeItem(@PathParam("fiscalYear") String fiscalYear, @PathParam("itemId") String itemId,
            @QueryParam(PastYears.PARAMETER) boolean pastYear, @Context SecurityContext security) {
        FiscalYear fy = Params.fiscalYear("fiscalYear", fiscalYear);
        return change(PlanVersion.Kind.EDIT, fy + " action item " + itemId + " removed",
                p -> PlanEditor.removeItem(p, fy, itemId), pastYear, security);
    }

    /** Adds an indicator: 201; 409 when its id is taken. */
    @POST
    @Path("indicators")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addIndicator(IndicatorInput indicator, @QueryParam(PastYears.PARAMETER) boolean pastYear,
            @Context SecurityContext security) {
        IndicatorEditor.ModuleUnits units = units(indicator == null ? null : indicator.id());
        change(PlanVersion.Kind.EDIT, "indicator " + (indicator == null ? "" : indicator.id()) + " added",
                p -> IndicatorEditor.addIndicator(p, indicator, units), pastYear, security);
        String id = indicator.id().trim();
        return Response.created(URI.create("indicators/" + id)).entity(plans.plan().indicator(id).orElseThrow()).build();
    }

    /**
     * The indicators installed modules propose that the plan does not hold yet, each with its definition, unit,
     * subject and the module computing it: the board adds one as it is ({@code POST proposals/{id}}) or changes it
     * first ({@code POST indicators}).
     */
    @GET
    @Path("proposals")
    public List<Indicator> proposals() {
        return modules.proposals(plans.plan());
    }

    /**
     * Adds the indicator a module proposes to the plan, as proposed: 201; 409 when the plan holds it already, 404 when
     * no installed module proposes it.
     */
    @POST
    @Path("proposals/{indicatorId}")
    public Response addProposal(@PathParam("indicatorId") String indicatorId,
            @QueryParam(PastYears.PARAMETER) boolean pastYear, @Context SecurityContext security) {
        Plan plan = plans.plan();
        if (plan.indicator(indicatorId).isPresent()) {
            throw new ConflictException("indicatorId", "the plan holds indicator " + indicatorId + " already");
        }
        Indicator proposed = modules.proposals(plan).stream().filter(i -> i.id().equals(indicatorId)).findFirst()
                .orElseThrow(() -> Problem.notFound("indicatorId", "no installed module proposes indicator "
                        + indicatorId));
        return addIndicator(new IndicatorInput(proposed.id(), proposed.policy(), proposed.module(), proposed.name(),
                proposed.definition(), proposed.unit(), proposed.subject(), proposed.direction(), proposed.baseline(),
                proposed.targets()), pastYear, security);
    }

    /**
     * Changes an indicator: the members given (name, definition, unit, subject, direction, baseline, targets: all of
     * them), the others kept.
     */
    @PUT
    @Path("indicators/{indicatorId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public PlanVersion changeIndicator(@PathParam("indicatorId") String indicatorId, IndicatorInput indicator,
            @QueryParam(PastYears.PARAMETER) boolean pastYear, @Context SecurityContext security) {
        IndicatorEditor.ModuleUnits units = units(indicatorId);
        return change(PlanVersion.Kind.EDIT, "indicator " + indicatorId + " changed",
                p -> IndicatorEditor.changeIndicator(p, indicatorId, indicator, units), pastYear, security);
    }

    /** Sets one fiscal year's staged target: {@code {"value": 80}}. */
    @PUT
    @Path("indicators/{indicatorId}/targets/{fiscalYear}")
    @Consumes(MediaType.APPLICATION_JSON)
    public PlanVersion setTarget(@PathParam("indicatorId") String indicatorId,
            @PathParam("fiscalYear") String fiscalYear, TargetInput target,
            @QueryParam(PastYears.PARAMETER) boolean pastYear, @Context SecurityContext security) {
        FiscalYear fy = Params.fiscalYear("fiscalYear", fiscalYear);
        return change(PlanVersion.Kind.EDIT, "indicator " + indicatorId + " target for " + fy + " set",
                p -> IndicatorEditor.setTarget(p, indicatorId, fy, target), pastYear, security);
    }

    /** Removes an indicator; 409 while an action item lists it. */
    @DELETE
    @Path("indicators/{indicatorId}")
    public PlanVersion removeIndicator(@PathParam("indicatorId") String indicatorId,
            @QueryParam(PastYears.PARAMETER) boolean pastYear, @Context SecurityContext security) {
        return change(PlanVersion.Kind.EDIT, "indicator " + indicatorId + " removed",
                p -> IndicatorEditor.removeIndicator(p, indicatorId), pastYear, security);
    }

    /**
     * Replaces the plan in force with a new version of the data file: 201 with the version; 200 with the version in
     * force when the file is that plan already (nothing stored). 409 when it reuses a version's data version, and,
     * unless {@code replace=true}, when it would undo changes made here since the newest import or drop an action
     * plan. With {@code dryRun=true}, what it would change and lose ({@link PlanImportCheck}), storing nothing.
     */
    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importPlan(InputStream body, @QueryParam("dryRun") boolean dryRun,
            @QueryParam("replace") boolean replace, @Context SecurityContext security) {
        if (dryRun) {
            PlanImportCheck check = plans.checkImport(body);
            audit.describe(AuditSummaries.planImportTried(check));
            return Response.ok(check).build();
        }
        Plan before = plans.plan();
        PlanServiceImpl.Imported imported = plans.importPlan(body, by(security), replace);
        audit.describe(AuditSummaries.planImport(before, imported));
        return Response.status(imported.stored() ? Response.Status.CREATED : Response.Status.OK)
                .entity(imported.version()).build();
    }

    /** Every version of the plan, newest first: who changed what, before → after. */
    @GET
    @Path("versions")
    public List<PlanVersion> versions() {
        return plans.versions();
    }

    /** One version read back whole. */
    @GET
    @Path("versions/{version}")
    public VersionView version(@PathParam("version") Long version) {
        PlanVersion meta = plans.versions().stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> Problem.notFound("version", "no plan version " + version));
        return new VersionView(meta, plans.version(version).orElseThrow());
    }

    /**
     * Which module computes the indicator a request names, and in which unit, looked up before the change takes the
     * plan's versions: the unit of such an indicator stays its module's.
     */
    private IndicatorEditor.ModuleUnits units(String indicatorId) {
        if (indicatorId == null) {
            return IndicatorEditor.ModuleUnits.NONE;
        }
        String id = indicatorId.trim();
        Optional<IndicatorEditor.Computed> computed = modules.computed(id, plans.plan());
        return asked -> asked.equals(id) ? computed : Optional.empty();
    }

    /**
     * Makes a change a new plan version, audited; one reaching a fiscal year that has ended is refused (409
     * {@code pastYear}) unless {@code pastYear} confirms it, and then its summary says so.
     */
    private PlanVersion change(PlanVersion.Kind kind, String summary, java.util.function.UnaryOperator<Plan> edit,
            boolean pastYear, SecurityContext security) {
        PlanVersion v = found(() -> plans.change(kind, summary, edit, by(security), pastYear));
        audit.describe(AuditSummaries.planChange(v));
        return v;
    }

    /** Runs a change, answering what it names and the plan lacks with 404 naming the path parameter. */
    private static <T> T found(Supplier<T> work) {
        try {
            return work.get();
        } catch (PlanEditor.NotFound e) {
            throw Problem.notFound(e.field(), e.getMessage());
        }
    }

    private static String by(SecurityContext security) {
        return "api:" + Caller.of(security).map(Caller::name).orElseThrow(IllegalStateException::new);
    }
}
