package org.gigaplan.platform.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.gigaplan.plan.service.PlanClock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's clock: the system clock in the configured zone, or shifted by whole days so that today is the
 * configured day. A bad setting is logged and ignored rather than stopping every module that needs the clock.
 */
@Component(service = PlanClock.class, configurationPid = ClockConfig.PID)
@Designate(ocd = ClockConfig.class)
public class ClockService implements PlanClock {

    private static final Logger LOG = LoggerFactory.getLogger(ClockService.class);

    private final ZoneId zone;
    private final Clock clock;

    @Activate
    public ClockService(ClockConfig config) {
        this(config, Clock.systemUTC());
    }

    ClockService(ClockConfig config, Clock system) {
        this.zone = zone(config.zone());
        this.clock = shifted(system, zone, config.today());
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id == null || id.isBlank() ? DEFAULT_ZONE_ID : id.trim());
        } catch (DateTimeException e) {
            LOG.error("{} zone = \"{}\" is not a time zone (such as Asia/Tokyo): using {}", ClockConfig.PID, id,
                    DEFAULT_ZONE_ID);
            return ZoneId.of(DEFAULT_ZONE_ID);
        }
    }

    private static Clock shifted(Clock system, ZoneId zone, String today) {
        if (today == null || today.isBlank()) {
            return system;
        }
        try {
            LocalDate pinned = LocalDate.parse(today.trim());
            long days = ChronoUnit.DAYS.between(LocalDate.ofInstant(system.instant(), zone), pinned);
            LOG.warn("The platform's clock is set to {} ({} days from the real date): {} today = {}. Remove the "
                    + "setting where real schools report.", pinned, days, ClockConfig.PID, today.trim());
            return Clock.offset(system, Duration.ofDays(days));
        } catch (DateTimeException e) {
            LOG.error("{} today = \"{}\" is not a date (YYYY-MM-DD): using the real date", ClockConfig.PID, today);
            return system;
        }
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }
}
