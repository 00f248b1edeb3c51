package org.gigaplan.platform.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.platform.internal.store.PlatformTables;
import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two nodes' throttles on one database (Derby and PostgreSQL): wrong passwords spread over the nodes count together,
 * a lock made on one refuses on the other, a right password on either clears the count on both.
 */
class SharedLoginThrottleTest {

    private static final String A = "192.0.2.10";

    @ParameterizedTest
    @ValueSource(strings = { "derby", "postgres" })
    void wrongPasswordsSpreadOverTwoNodesCountTogether(String engine) {
        PlatformDatabase database = emptyDatabase(engine);
        Clock clock = Clock.fixed(Instant.parse("2025-06-02T01:00:00Z"), ZoneOffset.UTC);
        LoginThrottle one = node(database, clock);
        LoginThrottle two = node(database, clock);
        assertFalse(one.failed("tanaka", A));
        assertFalse(two.failed("Tanaka", A));
        assertTrue(one.failed("TANAKA", A), "the third, wherever the first two were");
        assertEquals(Optional.of(Duration.ofMinutes(5)), two.tryLogin("tanaka", A), "refused on the other node too");
        assertEquals(Optional.empty(), two.tryLogin("sato", A), "other names are not affected");
        two.cancel("sato", A);

        assertFalse(two.failed("suzuki", A));
        assertFalse(one.failed("suzuki", A));
        assertEquals(Optional.empty(), one.tryLogin("suzuki", A));
        one.succeeded("suzuki", A);
        assertFalse(two.failed("suzuki", A), "the right password on one node cleared the count on both");
        assertFalse(two.failed("suzuki", A));
        assertTrue(one.failed("suzuki", A));
    }

    @ParameterizedTest
    @ValueSource(strings = { "derby", "postgres" })
    void aNameNobodyTriedForAWeekIsForgotten(String engine) {
        PlatformDatabase database = emptyDatabase(engine);
        org.gigaplan.testkit.TestClocks.Settable time = org.gigaplan.testkit.TestClocks.at("2025-06-02T10:00");
        LoginThrottle node = node(database, time.clock());
        assertFalse(node.failed("tanaka", A));
        time.advance(LoginFailureStore.KEPT.plusSeconds(1));
        assertFalse(node.failed("sato", A));
        assertEquals(1, (int) database.transaction(c -> org.gigaplan.plan.service.Jdbc.first(c,
                "SELECT COUNT(*) FROM gp_login_failure", r -> r.getInt(1)).orElse(0)),
                "tanaka's row, a week old, was removed; sato's is kept");
    }

    private static PlatformDatabase emptyDatabase(String engine) {
        TestDatabase test = TestDatabase.of(engine, "throttle");
        PlatformDatabase database = new PlatformDatabase(test.dataSource());
        test.clear(PlatformTables.ALL);
        return database;
    }

    /** One node's throttle (3 wrong passwords, 5 min) on the shared database. */
    private static LoginThrottle node(PlatformDatabase database, Clock clock) {
        return new LoginThrottle(3, Duration.ofMinutes(5), clock, Duration.ZERO, new LoginFailureStore(database, clock));
    }
}
