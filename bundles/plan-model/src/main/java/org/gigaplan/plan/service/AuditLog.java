package org.gigaplan.plan.service;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The append-only record of every write through /api and the console. The platform records each /api write
 * itself; a resource adds what changed with {@link #describe}, and console commands record with
 * {@link #record}.
 */
@ProviderType
public interface AuditLog {

    /** Appends an entry; {@code id} and {@code at} of the argument are ignored and set by the log. */
    AuditEntry record(AuditEntry entry);

    /**
     * Adds what changed (before → after) to the audit entry of the /api request being handled on this thread.
     * Outside a request it does nothing.
     */
    void describe(String summary);

    /**
     * Like {@link #describe(String)}, and names the school whose data the write touched, when that is not the
     * caller's own (a board user writing for a school).
     */
    void describe(String school, String summary);

    /** Entries newest first, filtered by whichever of the criteria are not null. */
    List<AuditEntry> find(Query query, int offset, int limit);

    long count(Query query);

    /** Filters of {@link #find}: each null (or blank) criterion matches everything. */
    record Query(String actor, String school, String action, Instant from, Instant to) {

        public Query {
            actor = none(actor);
            school = none(school);
            action = none(action);
        }

        private static String none(String criterion) {
            return criterion == null || criterion.isBlank() ? null : criterion;
        }

        public static Query all() {
            return new Query(null, null, null, null, null);
        }
    }
}
