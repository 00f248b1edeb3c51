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

    /**
     * A console command's write, under the console user's name (a module's command records it with
     * {@link AuditLog#record}, as the platform's do).
     *
     * @param user    the console session's user, or null: {@code console}
     * @param school  the school whose data the command wrote, or null for city-wide data
     * @param command the command as typed, e.g. {@code network:webhook-add N-1}
     */
    public static AuditEntry console(Object user, String school, String command, boolean ok, String summary) {
        return new AuditEntry(0, null, user == null ? "console" : user.toString(), "console", school, "console",
                command, ok ? "ok" : "refused", summary);
    }
}
