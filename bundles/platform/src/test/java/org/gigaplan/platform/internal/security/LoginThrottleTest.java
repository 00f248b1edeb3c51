package org.gigaplan.platform.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import org.gigaplan.testkit.AtOnce;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock the test moves. */
    private static final class Manual extends Clock {
        Instant now = Instant.parse("2025-06-02T01:00:00Z");

        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    }

    @Test
    void theThirdWrongPasswordLocksTheNameUntilTheWindowHasPassed() {
        Manual clock = new Manual();
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), clock, Duration.ZERO);
        assertFalse(throttle.failed("Tanaka"));
        clock.now = clock.now.plusSeconds(60);
        assertFalse(throttle.failed("tanaka"));
        assertEquals(Optional.empty(), throttle.lockedFor("tanaka"));
        clock.now = clock.now.plusSeconds(60);
        assertTrue(throttle.failed("TANAKA"), "the third, names compared without case");
        assertEquals(Optional.of(Duration.ofMinutes(5)), throttle.lockedFor("tanaka"));
        assertEquals(Optional.empty(), throttle.lockedFor("sato"), "other names are not affected");
        clock.now = clock.now.plusSeconds(299);
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.lockedFor("tanaka"));
        clock.now = clock.now.plusSeconds(1);
        assertEquals(Optional.empty(), throttle.lockedFor("tanaka"), "five minutes after the last wrong one");
    }

    @Test
    void failuresOutsideTheWindowDoNotCountAndARightPasswordClears() {
        Manual clock = new Manual();
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), clock, Duration.ZERO);
        throttle.failed("suzuki");
        throttle.failed("suzuki");
        clock.now = clock.now.plusSeconds(301);
        assertFalse(throttle.failed("suzuki"), "the first two are older than the window");
        assertEquals(Optional.empty(), throttle.lockedFor("suzuki"));
        throttle.failed("suzuki");
        throttle.succeeded("suzuki");
        assertFalse(throttle.failed("suzuki"));
        assertFalse(throttle.failed("suzuki"));
        assertTrue(throttle.failed("suzuki"), "counting started again after the right password");
    }

    @Test
    void parallelGuessesGetNoMoreTriesThanSerialOnes() {
        Manual clock = new Manual();
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), clock, Duration.ZERO);
        assertEquals(Optional.empty(), throttle.tryLogin("ito"));
        assertEquals(Optional.empty(), throttle.tryLogin("ito"));
        assertEquals(Optional.empty(), throttle.tryLogin("ito"));
        assertTrue(throttle.tryLogin("ito").isPresent(), "three being checked: a fourth waits");
        throttle.failed("ito");
        throttle.failed("ito");
        assertTrue(throttle.tryLogin("ito").isPresent(), "two wrong and one still being checked");
        throttle.cancel("ito");
        assertEquals(Optional.empty(), throttle.tryLogin(" ITO "), "names compared without case and spaces");
        assertTrue(throttle.failed("ito"), "the third wrong one locks");
        assertEquals(Optional.of(Duration.ofMinutes(5)), throttle.tryLogin("ito"));
        assertEquals(Optional.empty(), throttle.tryLogin("ito" + "x".repeat(5000)), "another name");
    }

    /** Runs {@code login} on 16 threads released together; what each was answered. */
    private static List<Optional<Duration>> sixteenAtOnce(Callable<Optional<Duration>> login) throws Exception {
        return AtOnce.run(Collections.nCopies(16, login));
    }

    @Test
    void manyRequestsAtOnceWithTheRightPasswordQueueAndAreNotRefused() throws Exception {
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), Clock.systemUTC(), Duration.ofSeconds(30));
        List<Optional<Duration>> answers = sixteenAtOnce(() -> {
            Optional<Duration> refused = throttle.tryLogin("yamada");
            if (refused.isEmpty()) {
                Thread.sleep(20); // the realm checking the password
                throttle.succeeded("yamada");
            }
            return refused;
        });
        answers.forEach(a -> assertEquals(Optional.empty(), a));
    }

    @Test
    void manyGuessesAtOnceAreCheckedNoMoreThanTheAllowance() throws Exception {
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), Clock.systemUTC(), Duration.ofSeconds(30));
        AtomicInteger checked = new AtomicInteger();
        List<Optional<Duration>> answers = sixteenAtOnce(() -> {
            Optional<Duration> refused = throttle.tryLogin("yamada");
            if (refused.isEmpty()) {
                checked.incrementAndGet();
                Thread.sleep(20);
                throttle.failed("yamada");
            }
            return refused;
        });
        assertEquals(3, checked.get(), "three passwords checked, then the name is locked");
        assertEquals(13, answers.stream().filter(Optional::isPresent).count());
    }
}
