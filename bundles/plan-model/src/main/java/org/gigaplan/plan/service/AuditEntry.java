package org.gigaplan.plan.service;

import java.time.Instant;

/**
 * One write, as the audit log keeps it.
 *
 * @param actor   who: a user name, {@code key:<id> (label)} for an API key, {@code system} for the platform
 * @param role    the actor's role ({@code board}, {@code school}, {@code agent}, {@code console}, {@code system})
 * @param school  the school whose data was written, or null for city-wide data
 * @param channel {@code api} or {@code console}
 * @param action  what was done, e.g. {@code POST /api/schools/import} or {@code school:import}
 * @param outcome HTTP status for API calls, {@code ok} or {@code refused} for console commands
 * @param summary what changed, before and after where it applies; never a password or key
 */
public record AuditEntry(long id, Instant at, String actor, String role, String school, String channel,
        String action, String outcome, String summary) {
}
