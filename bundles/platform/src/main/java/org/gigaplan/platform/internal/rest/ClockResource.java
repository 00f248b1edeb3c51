package org.gigaplan.platform.internal.rest;

import java.time.Instant;
import java.time.LocalDate;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.security.Public;
import org.gigaplan.plan.service.PlanClock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The platform's one clock, for clients: the dashboard takes today, the zone and the current year from here. */
@Component(service = ClockResource.class)
@GigaPlanResource(name = "gigaplan.clock")
@Path("clock")
@Produces(MediaType.APPLICATION_JSON)
@Public
public class ClockResource {

    /**
     * Now, today and the current fiscal year, in the city's zone.
     *
     * @param offset the zone's offset from UTC now, such as {@code +09:00}, for clients writing local times
     */
    public record Now(Instant now, LocalDate today, String zone, String offset, int fiscalYear,
            LocalizedText fiscalYearLabel) {
    }

    private final PlanClock clock;

    @Activate
    public ClockResource(@Reference PlanClock clock) {
        this.clock = clock;
    }

    @GET
    public Now now() {
        Instant now = clock.now();
        return new Now(now, clock.today(), clock.zone().getId(), clock.zone().getRules().getOffset(now).getId(),
                clock.currentFiscalYear().year(), clock.currentFiscalYear().label());
    }
}
