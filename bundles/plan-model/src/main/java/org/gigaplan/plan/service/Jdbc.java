package org.gigaplan.plan.service;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;

/**
 * The JDBC a store writes again and again, once: run a statement with its parameters and read its rows, on Derby and
 * PostgreSQL alike, inside a {@link Database#transaction}.
 *
 * <pre>
 * List&lt;Row&gt; rows = db.transaction(c -&gt; Jdbc.list(c, "SELECT school_id, frequency FROM training_genai WHERE fiscal_year = ?",
 *         r -&gt; new Row(r.getString(1), r.getString(2)), fiscalYear));
 * </pre>
 *
 * Parameters are bound in order: String, Integer, Long, Double, Boolean, LocalDate (a DATE), Instant (a TIMESTAMP),
 * byte[] (a binary column: Derby's VARCHAR FOR BIT DATA, PostgreSQL's BYTEA) or null (typed from the statement). SQL
 * text is the store's own; values never go into it.
 */
public final class Jdbc {

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private Jdbc() {
    }

    /** Every row the query returns, read in order. */
    public static <T> List<T> list(Connection c, String sql, RowReader<T> reader, Object... parameters)
            throws SQLException {
        return list(c, sql, reader, Arrays.asList(parameters));
    }

    /** The same with the parameters in a list (a query whose conditions depend on what was asked). */
    public static <T> List<T> list(Connection c, String sql, RowReader<T> reader, List<?> parameters)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, parameters);
            List<T> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(reader.read(r));
                }
            }
            return out;
        }
    }

    /** The parameters of an IN list of {@code n} values: {@code ?, ?, …} (one at least, so the SQL stays valid). */
    public static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(Math.max(n, 1), "?"));
    }

    /**
     * Every row a query answers for many values, asked {@code size} values at a time through one statement prepared
     * once: {@code sql} ends its parameters with an IN list of {@code size} {@link #marks}, after the {@code fixed}
     * ones. A last, shorter part is padded with its last value, so every statement has the same text (and plan).
     *
     * <pre>
     * Jdbc.listIn(c, "SELECT id FROM t WHERE school_id = ? AND id IN (" + Jdbc.marks(100) + ")", 100,
     *         List.of(schoolId), ids, r -&gt; r.getString(1));
     * </pre>
     */
    public static <T> List<T> listIn(Connection c, String sql, int size, List<?> fixed, List<?> values,
            RowReader<T> reader) throws SQLException {
        if (size < 1) {
            throw new IllegalArgumentException("ask at least one value a statement, not " + size);
        }
        List<T> out = new ArrayList<>();
        if (values.isEmpty()) {
            return out;
        }
        try (PreparedStatement s = c.prepareStatement(sql)) {
            List<Object> parameters = new ArrayList<>(fixed);
            for (int from = 0; from < values.size(); from += size) {
                parameters.subList(fixed.size(), parameters.size()).clear();
                int to = Math.min(from + size, values.size());
                for (int i = 0; i < size; i++) {
                    parameters.add(values.get(Math.min(from + i, to - 1)));
                }
                bind(s, parameters);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(reader.read(r));
                    }
                }
            }
        }
        return out;
    }

    /** The first row the query returns, if any. */
    public static <T> Optional<T> first(Connection c, String sql, RowReader<T> reader, Object... parameters)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, Arrays.asList(parameters));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.ofNullable(reader.read(r)) : Optional.empty();
            }
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; answers how many rows it touched. */
    public static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, Arrays.asList(parameters));
            return s.executeUpdate();
        }
    }

    /** Runs an INSERT into a table with a generated key; answers the key. */
    public static long insert(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(s, Arrays.asList(parameters));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no key generated by: " + sql);
                }
                return keys.getLong(1);
            }
        }
    }

    /**
     * Makes the calling transaction the only holder of these keys' lock rows until it ends, so writers of one key (a
     * school: a module's writers that recount what they keep for it) queue instead of deadlocking, or on PostgreSQL
     * instead of each recounting without the other's rows, while writers of other keys go on. Rows are taken in key
     * order (two writers never wait on each other crosswise) and made on a key's first write; two first writes at once
     * race for its primary key: run the work in {@link Database#transactionRetrying}, which runs the loser again.
     *
     * @param table     the lock table, whose only column is the key, its primary key: e.g. {@code usage_school_lock}
     * @param keyColumn the key column, e.g. {@code school_id}
     */
    public static void lockRows(Connection c, String table, String keyColumn, java.util.Collection<String> keys)
            throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(
                "UPDATE " + table + " SET " + keyColumn + " = " + keyColumn + " WHERE " + keyColumn + " = ?");
                PreparedStatement first = c.prepareStatement("INSERT INTO " + table + " (" + keyColumn + ") VALUES (?)")) {
            for (String key : new java.util.TreeSet<>(keys)) {
                lock.setString(1, key);
                if (lock.executeUpdate() == 0) {
                    first.setString(1, key);
                    first.executeUpdate();
                }
            }
        }
    }

    /** A nullable number column, null when SQL NULL (getDouble answers 0 for it). */
    public static Double nullableDouble(ResultSet r, int column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? null : v;
    }

    /** A nullable whole-number column, null when SQL NULL. */
    public static Integer nullableInt(ResultSet r, int column) throws SQLException {
        int v = r.getInt(column);
        return r.wasNull() ? null : v;
    }

    /** A calendar per thread for days: a day is bound as its midnight in UTC, read back in UTC. */
    private static final ThreadLocal<Calendar> UTC = ThreadLocal.withInitial(
            () -> new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC), Locale.ROOT));

    /** A calendar per thread in the JVM's zone, the one a driver uses for a timestamp given without one. */
    private static final ThreadLocal<Calendar> LOCAL = ThreadLocal.withInitial(GregorianCalendar::new);

    /**
     * Binds a day to a DATE parameter, the same day whatever the JVM's zone. Given with a calendar, as here, Derby does
     * not build one for every value bound (a sixth of a bulk check-in's time went into that).
     */
    public static void setDate(PreparedStatement s, int at, LocalDate day) throws SQLException {
        s.setDate(at, new Date(day.toEpochDay() * 86_400_000L), UTC.get());
    }

    /**
     * Binds an instant to a TIMESTAMP parameter as {@link PreparedStatement#setTimestamp(int, Timestamp)} does (the
     * wall-clock time in the JVM's zone), with a calendar of that zone kept per thread for the same reason as
     * {@link #setDate}.
     */
    public static void setTimestamp(PreparedStatement s, int at, Instant time) throws SQLException {
        Calendar local = LOCAL.get();
        TimeZone zone = TimeZone.getDefault();
        if (!local.getTimeZone().getID().equals(zone.getID())) {
            local = new GregorianCalendar(zone);
            LOCAL.set(local);
        }
        s.setTimestamp(at, Timestamp.from(time), local);
    }

    static void bind(PreparedStatement s, List<?> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object v = parameters.get(i);
            if (v == null) {
                s.setNull(i + 1, s.getParameterMetaData().getParameterType(i + 1));
            } else {
                bind(s, i + 1, v);
            }
        }
    }

    /** Binds a value that is not null as {@link #bind(PreparedStatement, List)} does. */
    static void bind(PreparedStatement s, int at, Object v) throws SQLException {
        if (v instanceof LocalDate d) {
            setDate(s, at, d);
        } else if (v instanceof Instant t) {
            setTimestamp(s, at, t);
        } else if (v instanceof byte[] bytes) {
            s.setBytes(at, bytes);
        } else if (v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Double
                || v instanceof Boolean) {
            s.setObject(at, v);
        } else {
            throw new IllegalArgumentException("cannot bind a " + v.getClass().getName() + " to parameter " + at
                    + ": give a String, number, Boolean, LocalDate, Instant, byte[] or null");
        }
    }
}
