package org.gigaplan.platform.internal.notify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gigaplan.plan.service.Jdbc;

/**
 * Each scheduled job's state ({@code gp_job}): its next due time, the lease of the node running it, its last run. A
 * node takes the lease in one conditional update (due, and no lease or an expired one): of two nodes, one gets it.
 */
final class JobStore {

    /** A job's row. */
    record JobRow(String id, String schedule, Instant nextRunAt, String leaseOwner, Instant leaseUntil,
            Instant lastStartedAt, Instant lastFinishedAt, Instant lastDueAt, String lastOutcome, String lastDetail,
            String lastNode) {
    }

    private static final String COLUMNS = "id, schedule, next_run_at, lease_owner, lease_until, last_started_at, "
            + "last_finished_at, last_due_at, last_outcome, last_detail, last_node";

    Optional<JobRow> job(Connection c, String id) throws SQLException {
        return Jdbc.first(c, "SELECT " + COLUMNS + " FROM gp_job WHERE id = ?", JobStore::row, id);
    }

    List<JobRow> jobs(Connection c) throws SQLException {
        return Jdbc.list(c, "SELECT " + COLUMNS + " FROM gp_job ORDER BY id", JobStore::row);
    }

    /** Adds a job first seen, or moves its next run when its schedule changed. */
    void ensure(Connection c, String id, String schedule, Instant nextRun) throws SQLException {
        Optional<JobRow> row = job(c, id);
        if (row.isEmpty()) {
            Jdbc.update(c, "INSERT INTO gp_job (id, schedule, next_run_at) VALUES (?, ?, ?)", id, schedule, nextRun);
        } else if (!row.get().schedule().equals(schedule)) {
            Jdbc.update(c, "UPDATE gp_job SET schedule = ?, next_run_at = ? WHERE id = ?", schedule, nextRun, id);
        }
    }

    /**
     * Takes the job's lease for a node: when it is due ({@code due}: its next run has come; else on demand) and no
     * other node holds an unexpired lease. @return whether this node has it
     */
    boolean lease(Connection c, String id, String node, Instant now, Instant until, boolean due) throws SQLException {
        String free = "AND (lease_until IS NULL OR lease_until < ?)";
        String sql = "UPDATE gp_job SET lease_owner = ?, lease_until = ?, last_started_at = ? WHERE id = ? ";
        return (due ? Jdbc.update(c, sql + "AND next_run_at <= ? " + free, node, until, now, id, now, now)
                : Jdbc.update(c, sql + free, node, until, now, id, now)) == 1;
    }

    /** Records a run's end and frees the lease; the next run as given (null: unchanged, for a run on demand). */
    void finish(Connection c, String id, String node, Instant nextRun, Instant dueAt, Instant at, String outcome,
            String detail) throws SQLException {
        Jdbc.update(c, "UPDATE gp_job SET lease_owner = NULL, lease_until = NULL, next_run_at = COALESCE(?, "
                + "next_run_at), last_due_at = ?, last_finished_at = ?, last_outcome = ?, last_detail = ?, "
                + "last_node = ? WHERE id = ? AND lease_owner = ?", nextRun, dueAt, at, outcome,
                NotifyStore.cut(detail, 500), node, id, node);
    }

    private static JobRow row(ResultSet r) throws SQLException {
        return new JobRow(r.getString(1), r.getString(2), r.getTimestamp(3).toInstant(), r.getString(4),
                instant(r.getTimestamp(5)), instant(r.getTimestamp(6)), instant(r.getTimestamp(7)),
                instant(r.getTimestamp(8)), r.getString(9), r.getString(10), r.getString(11));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
