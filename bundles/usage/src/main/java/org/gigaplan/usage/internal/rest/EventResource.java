package org.gigaplan.usage.internal.rest;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.security.Allow;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.AuditLog;
import org.gigaplan.usage.internal.UsageEvent;
import org.gigaplan.usage.internal.UsageService;
import org.gigaplan.usage.internal.WeeklyUseService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Usage events from classroom support software, posted with the school's API key (or by a board or school user):
 * rolled up into the weekly figures as they arrive.
 */
@Component(service = EventResource.class)
@GigaPlanResource(name = "usage.events")
@Path("usage/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    private final UsageService usage;
    private final WeeklyUseService weeklyUse;
    private final AuditLog audit;

    @Activate
    public EventResource(@Reference UsageService usage, @Reference WeeklyUseService weeklyUse, @Reference AuditLog audit) {
        this.usage = usage;
        this.weeklyUse = weeklyUse;
        this.audit = audit;
    }

    /** Stores a batch of events, all or none; an agent's events belong to its key's school. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({ Role.BOARD, Role.SCHOOL, Role.AGENT })
    public WeeklyUseService.BatchResult post(List<UsageEvent> events, @Context Caller caller) {
        WeeklyUseService.BatchResult result = weeklyUse.recordEvents(events, caller.ownSchool(), caller.name(), false);
        String summary = "usage events: " + result.records() + " events, " + result.newUses() + " new uses"
                + (result.classesRegistered().isEmpty() ? "" : ", new classes " + String.join(", ", result.classesRegistered()));
        List<String> schools = events.stream().map(UsageEvent::schoolId).filter(s -> s != null).distinct().toList();
        if (schools.size() == 1) {
            audit.describe(schools.get(0), summary);
        } else {
            audit.describe(summary);
        }
        return result;
    }
}
