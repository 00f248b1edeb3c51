package org.gigaplan.plan.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes one row by its key, on Derby and PostgreSQL alike (they share no MERGE): updates the row when it exists,
 * else inserts it ({@link UpsertBatch} with one row). Two writers inserting the same new key race: run it in
 * {@link Database#transactionRetrying}.
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
        List<Object> row = new ArrayList<>(keys.values());
        row.addAll(values.values());
        row.addAll(counters.values());
        return UpsertBatch.into(table).key(keys.keySet().toArray(String[]::new))
                .set(values.keySet().toArray(String[]::new)).add(counters.keySet().toArray(String[]::new))
                .row(row.toArray()).run(c)[0];
    }
}
