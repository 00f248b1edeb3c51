package org.gigaplan.platform.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.gigaplan.plan.service.Upsert;

/**
 * Per-school switches of policy modules, with a counter ({@code gp_change_mark} {@value #MARK}) raised by every change
 * in its transaction, so a node holding them in memory sees another node's change.
 */
public final class ModuleSchoolStore {

    static final String MARK = ChangeMarks.MODULE_SWITCHES;

    /** The switches as read at one moment: the counter then, and module id → schools it is switched off for. */
    public record Switches(long mark, Map<String, Set<String>> disabled) {
    }

    private final Sql sql;

    public ModuleSchoolStore(Sql sql) {
        this.sql = sql;
    }

    /** The switches now, with the counter they go with (read in one transaction). */
    public Switches read() {
        return sql.transaction(c -> {
            long mark = ChangeMarks.read(c, MARK);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT module_id, school_id FROM gp_module_school WHERE enabled = ?")) {
                ps.setBoolean(1, false);
                try (ResultSet rs = ps.executeQuery()) {
                    Map<String, Set<String>> out = new HashMap<>();
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                    }
                    out.replaceAll((module, schools) -> Set.copyOf(schools));
                    return new Switches(mark, Map.copyOf(out));
                }
            }
        });
    }

    /** The counter of changes: another value than a node's {@link Switches#mark()} means they changed since. */
    public long mark() {
        return sql.transaction(c -> ChangeMarks.read(c, MARK));
    }

    /** Switches a module on or off for a school; two boards switching a pair never set before race for its key. */
    public void set(String moduleId, String schoolId, boolean enabled, Instant at, String by) {
        sql.transactionRetrying(c -> {
            Upsert.into("gp_module_school").key("module_id", moduleId).key("school_id", schoolId)
                    .set("enabled", enabled).set("changed_at", at).set("changed_by", by).run(c);
            ChangeMarks.raise(c, MARK);
            return null;
        });
    }
}
