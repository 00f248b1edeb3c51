package org.gigaplan.environment.internal;

import java.time.Instant;

/**
 * A school's webhook URL for a speed-test agent that cannot set an Authorization header. Its secret is shown once,
 * when it is made; afterwards only this is known of it.
 *
 * @param label      what the school calls it ("職員室の Speedtest Tracker"), or null
 * @param lastUsedAt when an agent last posted through it, or null
 * @param revokedAt  when it stopped working, or null while it works
 */
public record Webhook(long id, String schoolId, String label, Instant createdAt, String createdBy, Instant lastUsedAt,
        Instant revokedAt, String revokedBy) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
