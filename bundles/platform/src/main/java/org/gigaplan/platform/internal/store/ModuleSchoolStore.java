package org.gigaplan.platform.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.gigaplan.plan.service.Upsert;

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
        sql.transactionRetrying(c -> Upsert.into("gp_module_school").key("module_id", moduleId).key("school_id", schoolId)
                .set("enabled", enabled).set("changed_at", at).set("changed_by", by).run(c));
    }
}
