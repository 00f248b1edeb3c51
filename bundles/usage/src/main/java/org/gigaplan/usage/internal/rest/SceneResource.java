package org.gigaplan.usage.internal.rest;

import java.util.Arrays;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.SceneTarget;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Role;
import org.gigaplan.usage.internal.Answer;
import org.gigaplan.usage.internal.UsageService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** What the module counts: the plan's scenes and targets, the answer scale, the terms. For forms and clients. */
@Component(service = SceneResource.class)
@GigaPlanResource(name = "usage.scenes")
@Path("usage/scenes")
@Produces(MediaType.APPLICATION_JSON)
@Allow({ Role.BOARD, Role.SCHOOL, Role.AGENT })
public class SceneResource {

    public record Scale(String code, LocalizedText label, int weeklyUses) {
    }

    public record Scenes(int fiscalYear, int timesPerWeek, LocalizedText rule, List<SceneTarget> scenes,
            List<Scale> answers, int terms) {
    }

    private final UsageService usage;

    @Activate
    public SceneResource(@Reference UsageService usage) {
        this.usage = usage;
    }

    @GET
    public Scenes scenes(@QueryParam("fiscalYear") Integer fiscalYear) {
        var fy = Requests.fiscalYear(usage, fiscalYear);
        return new Scenes(fy.year(), usage.timesPerWeek(), usage.rule(), usage.sceneTargets(fy),
                Arrays.stream(Answer.values()).map(a -> new Scale(a.name(), a.label(), a.weeklyUses())).toList(),
                usage.calendar().terms());
    }
}
