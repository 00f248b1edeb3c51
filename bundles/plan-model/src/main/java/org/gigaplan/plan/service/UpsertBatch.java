package org.gigaplan.plan.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Writes many rows by their keys in two batched statements, on Derby and PostgreSQL alike: one UPDATE that sets each
 * row's values and adds its amounts to the stored ones, then one INSERT of the rows no update found, with the amounts
 * as their values ({@link Upsert} is its one-row form). What a write keeps beside its records (sums and counts per
 * school and day, per school and week) is written this way, in the write's transaction.
 *
 * <pre>
 * UpsertBatch days = UpsertBatch.into("mymodule_school_day").key("school_id", "day")
 *         .add("records", "score_sum").raise("demo").latest("updated_at").onInsert("fiscal_year");
 * days.row("S-1", LocalDate.of(2025, 6, 2), 3, 2.5, true, now, 2025); // keys, amounts, raised, latest, insert-only
 * days.run(connection);
 * </pre>
 *
 * A row's values come in the order of the column kinds, whatever the order of the calls that named them: the key
 * columns, the values set, the added amounts (numbers), the raised flags (Boolean or 0/1: set to 1 when given 1,
 * never lowered), the latest times (kept when later than the stored one), the columns written on insert only, then
 * the values a stored row must still hold ({@link #expect}).
 * Rows are written in the order given: give them in key order when writers of one table may meet, so two batches
 * never wait on each other crosswise. On PostgreSQL the stored rows of a batch are updated by one statement (an
 * UPDATE joined with the rows' values), in the order its plan reads them: batches that still meet crosswise are
 * broken off by the database as a deadlock, which {@link Database#transactionRetrying} runs again. Two batches
 * inserting the same new key race: run it in {@link Database#transactionRetrying}. Table and column names are the
 * module's own constants, never input; values are bound as {@link Jdbc} binds them.
 */
public final class UpsertBatch {

    private final String table;
    private final List<String> keys = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    private final List<String> amounts = new ArrayList<>();
    private final List<String> flags = new ArrayList<>();
    private final List<String> latest = new ArrayList<>();
    private final List<String> insertOnly = new ArrayList<>();
    private final List<String> expected = new ArrayList<>();
    private final List<Object[]> rows = new ArrayList<>();
    /** For each row, whether it is known not to be stored ({@link #knownRow}). */
    private final List<Boolean> fresh = new ArrayList<>();

    private UpsertBatch(String table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    public static UpsertBatch into(String table) {
        return new UpsertBatch(table);
    }

    /** The columns of the rows' key, matched on update and written on insert. */
    public UpsertBatch key(String... columns) {
        return named(keys, columns);
    }

    /** Columns set to the rows' values, on update and on insert. */
    public UpsertBatch set(String... columns) {
        return named(values, columns);
    }

    /** Columns the rows' amounts are added to on update, and written as they are on insert. */
    public UpsertBatch add(String... columns) {
        return named(amounts, columns);
    }

    /** Flags set to 1 when a row gives 1 (or true), never lowered by an update. */
    public UpsertBatch raise(String... columns) {
        return named(flags, columns);
    }

    /** Times replaced when a row's is later than the stored one (or none is stored). */
    public UpsertBatch latest(String... columns) {
        return named(latest, columns);
    }

    /** Columns written when a row is inserted, left as they are by an update. */
    public UpsertBatch onInsert(String... columns) {
        return named(insertOnly, columns);
    }

    /**
     * Columns a stored row must still hold the values its caller read (given last in each row) for the update to
     * touch it: one changed meanwhile by another transaction is left as it is and reported not found by
     * {@link #update}, for its caller to read again (a null expected matches no row: SQL's {@code = NULL}). Such a
     * batch updates only: {@link #run} refuses it.
     */
    public UpsertBatch expect(String... columns) {
        return named(expected, columns);
    }

    private UpsertBatch named(List<String> kind, String... columns) {
        if (!rows.isEmpty()) {
            throw new IllegalStateException("name the columns of " + table + " before its rows");
        }
        kind.addAll(Arrays.asList(columns));
        return this;
    }

    /**
     * A row: keys, values set, amounts, raised flags, latest times, insert-only values, then the values expected (see
     * the class' text and {@link #expect}).
     */
    public UpsertBatch row(Object... given) {
        return add(given, false);
    }

    /**
     * A row its caller knows to be stored or not (read under a lock that keeps it so). A row known not to be stored is
     * inserted without the update that would find nothing, which costs a statement; a stored one is updated as by
     * {@link #row}. Values as for {@link #row}.
     */
    public UpsertBatch knownRow(boolean stored, Object... given) {
        return add(given, !stored);
    }

    private UpsertBatch add(Object[] given, boolean isNew) {
        List<String> named = columns();
        named.addAll(expected);
        if (given.length != named.size()) {
            throw new IllegalArgumentException("a row of " + table + " has " + named.size() + " values ("
                    + String.join(", ", named) + "), not " + given.length);
        }
        Object[] row = given.clone();
        int from = keys.size() + values.size() + amounts.size();
        for (int i = from; i < from + flags.size(); i++) {
            if (row[i] instanceof Boolean b) {
                row[i] = b ? 1 : 0;
            }
        }
        rows.add(row);
        fresh.add(isNew);
        return this;
    }

    private List<String> columns() {
        List<String> all = new ArrayList<>(keys);
        all.addAll(values);
        all.addAll(amounts);
        all.addAll(flags);
        all.addAll(latest);
        all.addAll(insertOnly);
        return all;
    }

    /**
     * Adds the rows to those stored, without inserting any.
     *
     * @return for each row in the order given, whether a stored row was found (holding the values expected, if any)
     *         and updated (never a new row's)
     */
    public boolean[] update(Connection c) throws SQLException {
        if (keys.isEmpty() || values.isEmpty() && amounts.isEmpty() && flags.isEmpty() && latest.isEmpty()) {
            throw new IllegalStateException("an upsert into " + table + " needs a key and a column to write");
        }
        boolean[] found = new boolean[rows.size()];
        List<Integer> asked = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            if (!fresh.get(r)) {
                asked.add(r);
            }
        }
        if (asked.size() > 1 && c.getMetaData().getDatabaseProductName().contains("PostgreSQL")
                && keysDiffer(asked)) {
            updateAtOnce(c, asked, found);
        } else if (!asked.isEmpty()) {
            updateEach(c, asked, found);
        }
        return found;
    }

    /** One UPDATE a row, sent as one batch: Derby's way (and a batch that names a key twice, on PostgreSQL). */
    private void updateEach(Connection c, List<Integer> asked, boolean[] found) throws SQLException {
        List<String> assignments = new ArrayList<>();
        values.forEach(x -> assignments.add(x + " = ?"));
        amounts.forEach(x -> assignments.add(x + " = " + x + " + ?"));
        flags.forEach(x -> assignments.add(x + " = CASE WHEN ? = 1 THEN 1 ELSE " + x + " END"));
        latest.forEach(x -> assignments.add(x + " = CASE WHEN " + x + " IS NULL OR " + x + " < ? THEN ? ELSE " + x
                + " END"));
        List<String> conditions = new ArrayList<>(keys);
        conditions.addAll(expected);
        String sql = "UPDATE " + table + " SET " + String.join(", ", assignments) + " WHERE "
                + String.join(" AND ", conditions.stream().map(k -> k + " = ?").toList());
        int from = keys.size();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int r : asked) {
                Object[] row = rows.get(r);
                int written = values.size() + amounts.size() + flags.size();
                List<Object> parameters = new ArrayList<>(Arrays.asList(row).subList(from, from + written));
                for (int i = 0; i < latest.size(); i++) {
                    Object at = row[from + written + i];
                    parameters.add(at);
                    parameters.add(at);
                }
                parameters.addAll(Arrays.asList(row).subList(0, from));
                parameters.addAll(Arrays.asList(row).subList(row.length - expected.size(), row.length));
                Jdbc.bind(s, parameters);
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                found[asked.get(i)] = counts[i] != 0;
            }
        }
    }

    /** Whether no two of these rows name the same key (one statement cannot update a row twice). */
    private boolean keysDiffer(List<Integer> asked) {
        Set<List<Object>> seen = new HashSet<>();
        for (int r : asked) {
            if (!seen.add(Arrays.asList(rows.get(r)).subList(0, keys.size()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The stored rows in UPDATEs on PostgreSQL, each joined with up to 1,000 rows' values as a VALUES list (within its
     * 65,535 parameters, with room): the database plans and runs one statement instead of one a row (xAPI ingest on
     * PostgreSQL, 300,000 statements: 8,564 → 9,856 a second). Each value is cast to its column's type (read once per
     * table), so a time, a day or a null compare as the column's.
     */
    private void updateAtOnce(Connection c, List<Integer> asked, boolean[] found) throws SQLException {
        // A row's values but its insert-only ones, in its order: those lie between its latest times and its expected.
        List<String> named = columns();
        named.removeAll(insertOnly);
        named.addAll(expected);
        int[] from = new int[named.size()];
        for (int i = 0; i < named.size(); i++) {
            from[i] = i < named.size() - expected.size() ? i : i + insertOnly.size();
        }
        List<String> assignments = new ArrayList<>();
        int p = keys.size();
        for (String x : values) {
            assignments.add(x + " = v.p" + p++);
        }
        for (String x : amounts) {
            assignments.add(x + " = t." + x + " + v.p" + p++);
        }
        for (String x : flags) {
            assignments.add(x + " = CASE WHEN v.p" + p++ + " = 1 THEN 1 ELSE t." + x + " END");
        }
        for (String x : latest) {
            String v = "v.p" + p++;
            assignments.add(x + " = CASE WHEN t." + x + " IS NULL OR t." + x + " < " + v + " THEN " + v + " ELSE t."
                    + x + " END");
        }
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            conditions.add("t." + keys.get(i) + " = v.p" + i);
        }
        for (String x : expected) {
            conditions.add("t." + x + " = v.p" + p++);
        }
        String row = "(CAST(? AS INTEGER)" + types(c, named).stream().map(t -> ", CAST(? AS " + t + ")")
                .collect(Collectors.joining()) + ")";
        String head = "UPDATE " + table + " AS t SET " + String.join(", ", assignments) + " FROM (VALUES ";
        String tail = ") AS v (n" + IntStream.range(0, named.size()).mapToObj(i -> ", p" + i)
                .collect(Collectors.joining()) + ") WHERE " + String.join(" AND ", conditions) + " RETURNING v.n";
        int most = Math.max(1, Math.min(1_000, 30_000 / (1 + named.size())));
        for (List<Integer> part : chunks(asked, most)) {
            try (PreparedStatement s = c.prepareStatement(head + String.join(", ", Collections.nCopies(part.size(),
                    row)) + tail)) {
                int at = 0;
                for (int r : part) {
                    s.setInt(++at, r);
                    for (int i : from) {
                        Object v = rows.get(r)[i];
                        at++;
                        if (v == null) {
                            s.setNull(at, Types.NULL);
                        } else {
                            Jdbc.bind(s, at, v);
                        }
                    }
                }
                try (ResultSet updated = s.executeQuery()) {
                    while (updated.next()) {
                        found[updated.getInt(1)] = true;
                    }
                }
            }
        }
    }

    private static List<List<Integer>> chunks(List<Integer> all, int size) {
        List<List<Integer>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            out.add(all.subList(from, Math.min(from + size, all.size())));
        }
        return out;
    }

    /** The SQL types of a table's columns, per database and table, read once. */
    private static final Map<String, List<String>> TYPES = new ConcurrentHashMap<>();

    private List<String> types(Connection c, List<String> named) throws SQLException {
        String key = c.getMetaData().getURL() + "|" + table + "|" + String.join(",", named);
        List<String> known = TYPES.get(key);
        if (known != null) {
            return known;
        }
        List<String> types = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + String.join(", ", named) + " FROM " + table
                + " WHERE 1 = 0"); ResultSet r = s.executeQuery()) {
            ResultSetMetaData m = r.getMetaData();
            for (int i = 1; i <= named.size(); i++) {
                types.add(m.getColumnTypeName(i));
            }
        }
        TYPES.put(key, List.copyOf(types));
        return types;
    }

    /**
     * Adds the rows to those stored and inserts the ones not stored yet.
     *
     * @return for each row in the order given, whether it was inserted
     */
    public boolean[] run(Connection c) throws SQLException {
        if (!expected.isEmpty()) {
            throw new IllegalStateException("a batch into " + table + " that expects stored values only updates");
        }
        boolean[] found = update(c);
        boolean[] inserted = new boolean[found.length];
        for (int i = 0; i < found.length; i++) {
            inserted[i] = !found[i];
        }
        if (!contains(inserted)) {
            return inserted;
        }
        List<String> columns = columns();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", columns)
                + ") VALUES (" + String.join(", ", columns.stream().map(x -> "?").toList()) + ")")) {
            for (int i = 0; i < inserted.length; i++) {
                if (inserted[i]) {
                    Jdbc.bind(s, Arrays.asList(rows.get(i)));
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
        return inserted;
    }

    private static boolean contains(boolean[] any) {
        for (boolean b : any) {
            if (b) {
                return true;
            }
        }
        return false;
    }
}
