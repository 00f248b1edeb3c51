package org.gigaplan.platform.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;

/** Remembers which module filled demo data for which fiscal year. */
public final class DemoRunStore {

    private final Sql sql;

    public DemoRunStore(Sql sql) {
        this.sql = sql;
    }

    public boolean filled(String moduleId, int fiscalYear) {
        return sql.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM gp_demo_run WHERE module_id = ? AND fiscal_year = ?")) {
                ps.setString(1, moduleId);
                ps.setInt(2, fiscalYear);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) > 0;
                }
            }
        });
    }

    public void record(String moduleId, int fiscalYear) {
        sql.transaction(c -> {
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM gp_demo_run WHERE module_id = ? AND fiscal_year = ?");
                    PreparedStatement ins = c.prepareStatement(
                            "INSERT INTO gp_demo_run (module_id, fiscal_year, filled_at) VALUES (?, ?, ?)")) {
                del.setString(1, moduleId);
                del.setInt(2, fiscalYear);
                del.executeUpdate();
                ins.setString(1, moduleId);
                ins.setInt(2, fiscalYear);
                ins.setTimestamp(3, Timestamp.from(Instant.now()));
                ins.executeUpdate();
                return null;
            }
        });
    }
}
