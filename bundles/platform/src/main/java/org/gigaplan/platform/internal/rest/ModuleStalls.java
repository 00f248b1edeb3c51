package org.gigaplan.platform.internal.rest;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;

/**
 * How long each module bundle has been seen without its policy module taken in. Readiness waits for such a bundle
 * for {@link #GRACE} (a module's first start at city scale migrates and counts for up to a minute); after that the
 * bundle counts as stalled, reported DOWN, and the platform serves the rest, so one broken module does not take
 * the whole node out of a load balancer.
 */
final class ModuleStalls {

    static final Duration GRACE = Duration.ofMinutes(3);

    private final LongSupplier nanos;
    private final Map<Long, Long> missingSince = new ConcurrentHashMap<>();

    ModuleStalls(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** Of the bundles whose module is not taken in now, those still waited for; the others are forgotten. */
    List<Bundle> waitingFor(Collection<Bundle> missing) {
        long now = nanos.getAsLong();
        Set<Long> ids = missing.stream().map(Bundle::getBundleId).collect(Collectors.toSet());
        missingSince.keySet().retainAll(ids);
        return missing.stream().filter(b -> now - missingSince.computeIfAbsent(b.getBundleId(), id -> now)
                < GRACE.toNanos()).toList();
    }

    /** Of the bundles whose module is not taken in now, those missing for longer than the grace. */
    List<Bundle> stalled(Collection<Bundle> missing) {
        long now = nanos.getAsLong();
        return missing.stream().filter(b -> {
            Long since = missingSince.get(b.getBundleId());
            return since != null && now - since >= GRACE.toNanos();
        }).toList();
    }
}
