package org.gigaplan.testkit;

import java.time.Clock;
import java.time.ZoneId;

import org.gigaplan.plan.service.PlanClock;

/** Clocks for the modules' tests, as the platform's ClockService gives them. */
public final class TestClocks {

    private TestClocks() {
    }

    /** The real date and time in the default zone: for tests that compare with now as it is. */
    public static PlanClock real() {
        return PlanClock.of(Clock.systemUTC(), ZoneId.of(PlanClock.DEFAULT_ZONE_ID));
    }
}
