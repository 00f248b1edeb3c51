package org.gigaplan.platform.internal.rest;

import java.util.Map;

import org.gigaplan.plan.model.Plan;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.plan.security.Public;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The API's front door: what it offers and where. */
@Component(service = ApiIndexResource.class)
@GigaPlanResource(name = "gigaplan.index")
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Public
public class ApiIndexResource {

    private final PlanService plans;

    @Activate
    public ApiIndexResource(@Reference PlanService plans) {
        this.plans = plans;
    }

    /** Entry point: what this API offers. */
    @GET
    public Map<String, Object> index() {
        Plan plan = plans.plan();
        return Map.of("plan", plan.title(), "dataVersion", plan.dataVersion(),
                "links", Map.of("plan", "/api/plan", "fiscalYears", "/api/fiscal-years", "clock", "/api/clock",
                        "schools", "/api/schools",
                        "progress", "/api/progress", "modules", "/api/modules", "openapi", "/api/openapi.json",
                        "explorer", "/api/explorer/", "health", "/api/health"));
    }
}
