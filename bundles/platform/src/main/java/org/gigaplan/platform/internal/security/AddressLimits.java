package org.gigaplan.platform.internal.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.gigaplan.platform.internal.Lru;

/**
 * How often one address may call: a token bucket per address, holding up to {@code burst} calls and refilled at
 * {@code perMinute} a minute. Kept in memory for at most {@value #MAX_ADDRESSES} addresses, the least recently used
 * dropped (a dropped address starts again with a full bucket).
 */
public final class AddressLimits {

    static final int MAX_ADDRESSES = 10_000;

    private static final class Bucket {
        double tokens;
        long at;
    }

    private final double perNano;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = Lru.map(MAX_ADDRESSES);

    public AddressLimits(int perMinute, int burst, LongSupplier nanoTime) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("perMinute and burst must be at least 1, were " + perMinute + ", " + burst);
        }
        this.perNano = perMinute / 60e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** Takes one call for the address: empty when it may, else how long until it may again. */
    public synchronized Optional<Duration> take(String address) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(String.valueOf(address), a -> {
            Bucket full = new Bucket();
            full.tokens = burst;
            full.at = now;
            return full;
        });
        bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perNano);
        bucket.at = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / perNano)));
    }
}
