package org.gigaplan.platform.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.gigaplan.plan.service.Upsert;

/**
 * Remembers which module filled demo data for which fiscal year, and which node is filling it now: a fill is claimed
 * for a while first, so nodes starting together fill each module's year once (a node dying mid-fill leaves its claim
 * to run out, and the next start fills).
 */
public final class DemoRunStore {

    private final Sql sql;

    public DemoRunStore(Sql sql) {
        this.sql = sql;
    }

    public boolean filled(String moduleId, int fiscalYear) {
        return sql.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM gp_demo_run "
                    + "WHERE module_id = ? AND fiscal_year = ? AND filled_at IS NOT NULL")) {
                ps.setString(1, moduleId);
                ps.setInt(2, fiscalYear);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) > 0;
                }
            }
        });
    }

    /**
     * Takes the fill of a module's year for {@code lease}: false when it is filled, or another node's claim on it
     * has not run out.
     */
    public boolean claim(String moduleId, int fiscalYear, Duration lease) {
        Instant now = Instant.now();
        return sql.transactionRetrying(c -> {
            try (PreparedStatement take = c.prepareStatement("UPDATE gp_demo_run SET claimed_until = ? "
                    + "WHERE module_id = ? AND fiscal_year = ? AND filled_at IS NULL "
                    + "AND (claimed_until IS NULL OR claimed_until < ?)")) {
                take.setTimestamp(1, Timestamp.from(now.plus(lease)));
                take.setString(2, moduleId);
                take.setInt(3, fiscalYear);
                take.setTimestamp(4, Timestamp.from(now));
                if (take.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement exists = c.prepareStatement(
                    "SELECT COUNT(*) FROM gp_demo_run WHERE module_id = ? AND fiscal_year = ?")) {
                exists.setString(1, moduleId);
                exists.setInt(2, fiscalYear);
                try (ResultSet rs = exists.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return false;
                    }
                }
            }
            // No row yet: the first to insert it claims; another node inserting at once fails on the key and, run
            // again, finds the row taken.
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO gp_demo_run (module_id, fiscal_year, "
                    + "filled_at, claimed_until) VALUES (?, ?, NULL, ?)")) {
                ins.setString(1, moduleId);
                ins.setInt(2, fiscalYear);
                ins.setTimestamp(3, Timestamp.from(now.plus(lease)));
                ins.executeUpdate();
                return true;
            }
        });
    }

    /** Gives a claim back unfilled (the fill failed): the next start tries again. */
    public void release(String moduleId, int fiscalYear) {
        sql.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE gp_demo_run SET claimed_until = NULL "
                    + "WHERE module_id = ? AND fiscal_year = ? AND filled_at IS NULL")) {
                ps.setString(1, moduleId);
                ps.setInt(2, fiscalYear);
                return ps.executeUpdate();
            }
        });
    }

    /** Records a module's year as filled now (the row its claim made, or a new one), its claim ended. */
    public void record(String moduleId, int fiscalYear) {
        sql.transactionRetrying(c -> Upsert.into("gp_demo_run").key("module_id", moduleId)
                .key("fiscal_year", fiscalYear).set("filled_at", Instant.now()).set("claimed_until", null).run(c));
    }
}
