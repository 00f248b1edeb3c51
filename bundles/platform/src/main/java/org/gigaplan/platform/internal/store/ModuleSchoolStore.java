package org.gigaplan.platform.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Per-school switches of policy modules. */
public final class ModuleSchoolStore {

    private final Sql sql;

    public ModuleSchoolStore(Sql sql) {
        this.sql = sql;
    }

    /** Module id → schools it is switched off for. */
    public Map<String, Set<String>> disabled() {
        return sql.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT module_id, school_id FROM gp_module_school WHERE enabled = ?")) {
                ps.setBoolean(1, false);
                try (ResultSet rs = ps.executeQuery()) {
                    Map<String, Set<String>> out = new HashMap<>();
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                    }
                    return out;
                }
            }
        });
    }

    /** Switches a module on or off for a school; two boards switching a pair never set before race for its key. */
    public void set(String moduleId, String schoolId, boolean enabled, Instant at, String by) {
        sql.transactionRetrying(c -> {
            // Both statements take the same parameters in the same order.
            try (PreparedStatement update = c.prepareStatement("UPDATE gp_module_school SET enabled = ?, changed_at = ?, "
                    + "changed_by = ? WHERE module_id = ? AND school_id = ?")) {
                bind(update, moduleId, schoolId, enabled, at, by);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO gp_module_school (enabled, "
                            + "changed_at, changed_by, module_id, school_id) VALUES (?, ?, ?, ?, ?)")) {
                        bind(insert, moduleId, schoolId, enabled, at, by);
                        insert.executeUpdate();
                    }
                }
                return null;
            }
        });
    }

    private static void bind(PreparedStatement ps, String moduleId, String schoolId, boolean enabled, Instant at,
            String by) throws SQLException {
        ps.setBoolean(1, enabled);
        ps.setTimestamp(2, Timestamp.from(at));
        ps.setString(3, by);
        ps.setString(4, moduleId);
        ps.setString(5, schoolId);
    }
}
