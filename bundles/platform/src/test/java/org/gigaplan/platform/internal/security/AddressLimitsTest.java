package org.gigaplan.platform.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AddressLimitsTest {

    @Test
    void anAddressGetsItsBurstThenItsRateAndOthersAreNotAffected() {
        long[] now = { 0 };
        AddressLimits limits = new AddressLimits(60, 3, () -> now[0]);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), limits.take("192.0.2.1"), "call " + (i + 1) + " of the burst");
        }
        assertEquals(Optional.of(Duration.ofSeconds(1)), limits.take("192.0.2.1"), "one a second after the burst");
        assertEquals(Optional.empty(), limits.take("198.51.100.7"), "another address has its own");
        now[0] += Duration.ofMillis(1000).toNanos();
        assertEquals(Optional.empty(), limits.take("192.0.2.1"), "a second later, one more");
        assertTrue(limits.take("192.0.2.1").isPresent());
        now[0] += Duration.ofMinutes(10).toNanos();
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), limits.take("192.0.2.1"), "refilled up to the burst, not beyond");
        }
        assertTrue(limits.take("192.0.2.1").isPresent());
    }
}
