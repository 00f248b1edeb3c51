package org.gigaplan.platform.internal.rest;

import java.util.List;

import org.gigaplan.plan.model.Indicator;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.plan.security.Public;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The plan's indicators with their staged targets. */
@Component(service = IndicatorResource.class)
@GigaPlanResource(name = "gigaplan.indicators")
@Path("indicators")
@Produces(MediaType.APPLICATION_JSON)
@Public
public class IndicatorResource {

    private final PlanService plans;

    @Activate
    public IndicatorResource(@Reference PlanService plans) {
        this.plans = plans;
    }

    @GET
    public List<Indicator> indicators(@QueryParam("policy") Integer policy, @QueryParam("module") String module) {
        return plans.indicators().stream().filter(i -> policy == null || i.policy() == policy)
                .filter(i -> module == null || module.equals(i.module())).toList();
    }

    @GET
    @Path("{id}")
    public Indicator indicator(@PathParam("id") String id) {
        return plans.indicator(id).orElseThrow(() -> Problem.notFound("id", "no indicator " + id));
    }
}
