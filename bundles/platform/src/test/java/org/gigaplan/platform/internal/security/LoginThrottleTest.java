package org.gigaplan.platform.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import org.gigaplan.testkit.AtOnce;
import org.gigaplan.testkit.TestClocks;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final String A = "192.0.2.10";
    private static final String B = "198.51.100.7";

    @Test
    void theThirdWrongPasswordLocksTheNameUntilTheWindowHasPassed() {
        TestClocks.Settable clock = TestClocks.at("2025-06-02T10:00");
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), clock.clock(), Duration.ZERO);
        assertFalse(throttle.failed("Tanaka", A));
        clock.advance(Duration.ofSeconds(60));
        assertFalse(throttle.failed("tanaka", A));
        assertEquals(Optional.empty(), throttle.lockedFor("tanaka", A));
        clock.advance(Duration.ofSeconds(60));
        assertTrue(throttle.failed("TANAKA", A), "the third, names compared without case");
        assertEquals(Optional.of(Duration.ofMinutes(5)), throttle.lockedFor("tanaka", A));
        assertEquals(Optional.empty(), throttle.lockedFor("sato", A), "other names are not affected");
        clock.advance(Duration.ofSeconds(299));
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.lockedFor("tanaka", A));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), throttle.lockedFor("tanaka", A), "five minutes after the last wrong one");
    }

    @Test
    void failuresOutsideTheWindowDoNotCountAndARightPasswordClears() {
        TestClocks.Settable clock = TestClocks.at("2025-06-02T10:00");
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), clock.clock(), Duration.ZERO);
        throttle.failed("suzuki", A);
        throttle.failed("suzuki", A);
        clock.advance(Duration.ofSeconds(301));
        assertFalse(throttle.failed("suzuki", A), "the first two are older than the window");
        assertEquals(Optional.empty(), throttle.lockedFor("suzuki", A));
        throttle.failed("suzuki", A);
        throttle.succeeded("suzuki", A);
        assertFalse(throttle.failed("suzuki", A));
        assertFalse(throttle.failed("suzuki", A));
        assertTrue(throttle.failed("suzuki", A), "counting started again after the right password");
    }

    @Test
    void parallelGuessesGetNoMoreTriesThanSerialOnes() {
        TestClocks.Settable clock = TestClocks.at("2025-06-02T10:00");
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), clock.clock(), Duration.ZERO);
        assertEquals(Optional.empty(), throttle.tryLogin("ito", A));
        assertEquals(Optional.empty(), throttle.tryLogin("ito", A));
        assertEquals(Optional.empty(), throttle.tryLogin("ito", A));
        assertTrue(throttle.tryLogin("ito", A).isPresent(), "three being checked: a fourth waits");
        throttle.failed("ito", A);
        throttle.failed("ito", A);
        assertTrue(throttle.tryLogin("ito", A).isPresent(), "two wrong and one still being checked");
        throttle.cancel("ito", A);
        assertEquals(Optional.empty(), throttle.tryLogin(" ITO ", A), "names compared without case and spaces");
        assertTrue(throttle.failed("ito", A), "the third wrong one locks");
        assertEquals(Optional.of(Duration.ofMinutes(5)), throttle.tryLogin("ito", A));
        assertEquals(Optional.empty(), throttle.tryLogin("ito" + "x".repeat(5000), A), "another name");
    }

    @Test
    void aNameLockedFromOneAddressStillLogsInFromAnother() {
        TestClocks.Settable clock = TestClocks.at("2025-06-02T10:00");
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), clock.clock(), Duration.ZERO);
        throttle.failed("admin", A);
        throttle.failed("admin", A);
        assertTrue(throttle.failed("admin", A), "a guesser at A locks admin for A");
        assertTrue(throttle.tryLogin("admin", A).isPresent());
        assertEquals(Optional.empty(), throttle.tryLogin("admin", B), "the owner at B is not refused");
        throttle.succeeded("admin", B);
        assertTrue(throttle.lockedFor("admin", A).isPresent(), "B's right password does not unlock A");
    }

    @Test
    void eachFurtherLockOfANameAndAddressLastsTwiceAsLong() {
        TestClocks.Settable clock = TestClocks.at("2025-06-02T10:00");
        LoginThrottle throttle = new LoginThrottle(2, Duration.ofMinutes(5), clock.clock(), Duration.ZERO);
        for (int lock = 0; lock < 12; lock++) {
            throttle.failed("admin", A);
            assertTrue(throttle.failed("admin", A));
            Duration expected = Duration.ofMinutes(5).multipliedBy(1L << Math.min(lock, LoginThrottle.MAX_LOCK_DOUBLINGS));
            assertEquals(Optional.of(expected), throttle.lockedFor("admin", A), "lock " + (lock + 1));
            clock.advance(expected);
        }
        throttle.succeeded("admin", A);
        throttle.failed("admin", A);
        assertTrue(throttle.failed("admin", A));
        assertEquals(Optional.of(Duration.ofMinutes(5)), throttle.lockedFor("admin", A), "a right password starts over");
    }

    /** Runs {@code login} on 16 threads released together; what each was answered. */
    private static List<Optional<Duration>> sixteenAtOnce(Callable<Optional<Duration>> login) throws Exception {
        return AtOnce.run(Collections.nCopies(16, login));
    }

    @Test
    void manyRequestsAtOnceWithTheRightPasswordQueueAndAreNotRefused() throws Exception {
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), Clock.systemUTC(), Duration.ofSeconds(30));
        List<Optional<Duration>> answers = sixteenAtOnce(() -> {
            Optional<Duration> refused = throttle.tryLogin("yamada", A);
            if (refused.isEmpty()) {
                Thread.sleep(20); // the realm checking the password
                throttle.succeeded("yamada", A);
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
            Optional<Duration> refused = throttle.tryLogin("yamada", A);
            if (refused.isEmpty()) {
                checked.incrementAndGet();
                Thread.sleep(20);
                throttle.failed("yamada", A);
            }
            return refused;
        });
        assertEquals(3, checked.get(), "three passwords checked, then the name is locked");
        assertEquals(13, answers.stream().filter(Optional::isPresent).count());
    }

    /** Counts kept in memory, each read of {@code slow}'s held until {@code release} opens, and every removal counted. */
    private static LoginThrottle.Failures watched(String slow, java.util.concurrent.CountDownLatch reading,
            java.util.concurrent.CountDownLatch release, AtomicInteger removals) {
        LoginThrottle.Failures memory = LoginThrottle.inMemory();
        return new LoginThrottle.Failures() {
            @Override
            public Optional<LoginThrottle.Recorded> read(String key) {
                if (key.startsWith(slow + "\n")) {
                    reading.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return memory.read(key);
            }

            @Override
            public void change(String key, java.util.function.UnaryOperator<LoginThrottle.Recorded> change) {
                memory.change(key, change);
            }

            @Override
            public void remove(String key) {
                removals.incrementAndGet();
                memory.remove(key);
            }
        };
    }

    @Test
    void aLoginWaitingForTheCountsHoldsUpNoOtherLogin() throws Exception {
        var reading = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), Clock.systemUTC(), Duration.ZERO,
                watched("slow", reading, release, new AtomicInteger()));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var stuck = pool.submit(() -> throttle.tryLogin("slow", A));
            reading.await();
            // The database is slow for one name: another name's login and its end go on meanwhile.
            var other = pool.submit(() -> {
                Optional<Duration> refused = throttle.tryLogin("board", A);
                throttle.succeeded("board", A);
                return refused;
            });
            assertEquals(Optional.empty(), other.get(30, java.util.concurrent.TimeUnit.SECONDS),
                    "another login went on while the first waited for its counts");
            release.countDown();
            assertEquals(Optional.empty(), stuck.get(30, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aRightPasswordWritesNothingWhenNoWrongOneIsCounted() {
        AtomicInteger removals = new AtomicInteger();
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), Clock.systemUTC(), Duration.ZERO,
                watched("nobody", new java.util.concurrent.CountDownLatch(0), new java.util.concurrent.CountDownLatch(0),
                        removals));
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.empty(), throttle.tryLogin("board", A));
            throttle.succeeded("board", A);
        }
        assertEquals(0, removals.get(), "a client sending its credentials with every call writes nothing");
        assertEquals(Optional.empty(), throttle.tryLogin("board", A));
        throttle.failed("board", A);
        assertEquals(Optional.empty(), throttle.tryLogin("board", A));
        throttle.succeeded("board", A);
        assertEquals(1, removals.get(), "the right password clears a counted wrong one");
        assertFalse(throttle.failed("board", A));
        assertFalse(throttle.failed("board", A), "counting started again");
    }
}
