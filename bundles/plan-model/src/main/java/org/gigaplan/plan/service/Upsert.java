package org.gigaplan.plan.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes one row by its key, on Derby and PostgreSQL alike (they share no MERGE): updates the row when it exists,
 * else inserts it. Two writers inserting the same new key race: run it in {@link Database#transactionRetrying}.
 *
 * <pre>
 * Upsert.into("env_history_use").key("school_id", school).key("teacher_code", teacher).key("fiscal_year", 2025)
 *         .set("frequency", "WEEKLY").set("demo", 0).run(connection);
 * </pre>
 *
 * Table and column names are the module's own constants, never input. Values are bound as {@link Jdbc} binds them.
 */
public final class Upsert {

    private final String table;
    private final Map<String, Object> keys = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, Long> counters = new LinkedHashMap<>();

    private Upsert(String table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    public static Upsert into(String table) {
        return new Upsert(table);
    }

    /** A column of the row's key, matched on update and written on insert. */
    public Upsert key(String column, Object value) {
        keys.put(column, value);
        return this;
    }

    /** A column set to a value, on update and on insert. */
    public Upsert set(String column, Object value) {
        values.put(column, value);
        return this;
    }

    /** A counter: raised by {@code amount} on update, {@code amount} on insert. */
    public Upsert add(String column, long amount) {
        counters.put(column, amount);
        return this;
    }

    /**
     * Writes the row.
     *
     * @return true when it was inserted, false when an existing row was updated
     */
    public boolean run(Connection c) throws SQLException {
        if (keys.isEmpty() || values.isEmpty() && counters.isEmpty()) {
            throw new IllegalStateException("an upsert into " + table + " needs a key and a column to write");
        }
        List<String> assignments = new ArrayList<>();
        values.keySet().forEach(column -> assignments.add(column + " = ?"));
        counters.keySet().forEach(column -> assignments.add(column + " = " + column + " + ?"));
        List<Object> updateParameters = new ArrayList<>(values.values());
        updateParameters.addAll(counters.values());
        updateParameters.addAll(keys.values());
        String update = "UPDATE " + table + " SET " + String.join(", ", assignments) + " WHERE "
                + String.join(" AND ", keys.keySet().stream().map(k -> k + " = ?").toList());
        try (PreparedStatement s = c.prepareStatement(update)) {
            Jdbc.bind(s, updateParameters);
            if (s.executeUpdate() > 0) {
                return false;
            }
        }
        List<String> columns = new ArrayList<>(keys.keySet());
        columns.addAll(values.keySet());
        columns.addAll(counters.keySet());
        List<Object> insertParameters = new ArrayList<>(keys.values());
        insertParameters.addAll(values.values());
        insertParameters.addAll(counters.values());
        String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(x -> "?").toList()) + ")";
        try (PreparedStatement s = c.prepareStatement(insert)) {
            Jdbc.bind(s, insertParameters);
            s.executeUpdate();
        }
        return true;
    }
}
