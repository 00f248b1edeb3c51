package org.gigaplan.platform.internal.store;

import java.sql.Connection;
import java.sql.SQLException;

import org.gigaplan.plan.service.Jdbc;

/**
 * Counters in the database ({@code gp_change_mark}, a row per name, made by a changeset), raised in the transaction
 * of a change: a node that keeps something in memory notes the counter with it and reads the counter again to learn
 * whether any node changed it since.
 */
public final class ChangeMarks {

    /** The per-school module switches. */
    public static final String MODULE_SWITCHES = "module-switches";
    /** The board's roster (OneRoster imports). */
    public static final String ROSTER = "roster";

    private ChangeMarks() {
    }

    /** The counter now; 0 for a name without a row. */
    public static long read(Connection c, String name) throws SQLException {
        return Jdbc.first(c, "SELECT n FROM gp_change_mark WHERE name = ?", r -> r.getLong(1), name).orElse(0L);
    }

    /** Raises the counter, in the caller's transaction. */
    public static void raise(Connection c, String name) throws SQLException {
        Jdbc.update(c, "UPDATE gp_change_mark SET n = n + 1 WHERE name = ?", name);
    }
}
