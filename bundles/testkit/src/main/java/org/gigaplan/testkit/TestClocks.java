package org.gigaplan.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import org.gigaplan.plan.service.PlanClock;

/** Clocks for the modules' tests, as the platform's ClockService gives them. */
public final class TestClocks {

    private TestClocks() {
    }

    /** The real date and time in the default zone: for tests that compare with now as it is. */
    public static PlanClock real() {
        return PlanClock.of(Clock.systemUTC(), ZoneId.of(PlanClock.DEFAULT_ZONE_ID));
    }

    /** A clock stopped at a time of the city's day (the default zone), which a test moves: scheduled jobs, time-outs. */
    public static Settable at(String localDateTime) {
        return new Settable(Settable.instant(localDateTime));
    }

    /** A {@link PlanClock} in the default zone that stands still until the test sets or advances it. */
    public static final class Settable implements PlanClock {

        private static final ZoneId ZONE = ZoneId.of(DEFAULT_ZONE_ID);
        private final AtomicReference<Instant> now;

        private Settable(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        /** An instant from a time of the city's day, e.g. {@code 2026-11-30T08:00}. */
        public static Instant instant(String localDateTime) {
            return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
        }

        @Override
        public ZoneId zone() {
            return ZONE;
        }

        @Override
        public Instant now() {
            return now.get();
        }

        /** Moves the clock to a time of the city's day. */
        public Settable set(String localDateTime) {
            now.set(instant(localDateTime));
            return this;
        }

        public Settable set(Instant instant) {
            now.set(instant);
            return this;
        }

        public Settable advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
            return this;
        }

        /** The same time as a {@link Clock} (in the city's zone), for code that takes one: it moves with this. */
        public Clock clock() {
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZONE;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now.get();
                }
            };
        }
    }
}
