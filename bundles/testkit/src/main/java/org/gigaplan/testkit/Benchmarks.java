package org.gigaplan.testkit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * What a module's benchmarks measure against: a Derby database on disk (as the distribution keeps it) and the rate the
 * database itself sustains for rows of a module's shape, inserted with plain JDBC batches. Benchmarks print their own
 * rate as a share of it.
 */
public final class Benchmarks {

    /** Binds the parameters of the {@code n}th row (from 0) to the insert. */
    @FunctionalInterface
    public interface Row {
        void bind(PreparedStatement insert, long n) throws SQLException;
    }

    private Benchmarks() {
    }

    /** The database engine a benchmark runs on: {@code -Dbench.db=derby} (the default) or {@code postgres}. */
    public static String engine() {
        return System.getProperty("bench.db", "derby");
    }

    /**
     * A fresh database of {@link #engine()}: Derby on disk, or a new database on the PostgreSQL the test kit starts,
     * its connections pooled as the distribution pools them (HikariCP): opening a connection costs PostgreSQL a
     * process, which a view timed on a connection of its own would count.
     */
    public static DataSource database() {
        if (!engine().equals("postgres")) {
            return derbyOnDisk();
        }
        TestDatabase.PostgresDatabase db = TestDatabase.newPostgresDatabase("bench_" + System.currentTimeMillis());
        com.zaxxer.hikari.HikariConfig pool = new com.zaxxer.hikari.HikariConfig();
        pool.setJdbcUrl(db.url());
        pool.setUsername(db.user());
        pool.setPassword(db.password());
        pool.setMaximumPoolSize(10);
        return new com.zaxxer.hikari.HikariDataSource(pool);
    }

    /**
     * After a bulk load and before the views: on PostgreSQL the tables' statistics, as its autovacuum gathers them soon
     * after a table grows by a tenth. Freshly loaded, the planner has none and guesses: at 200,000 xAPI statements it
     * sorted every one for a page of 100 that the index in stored order reads in 0.1 ms. Derby keeps its own.
     */
    public static void analyzed(DataSource ds) {
        if (!engine().equals("postgres")) {
            return;
        }
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds a city of {@code count} schools to a directory, ids {@code prefix-000} on: every third a junior high, the
     * rest elementary, each of {@code classes} classes of 30 pupils.
     */
    public static FakeSchools city(FakeSchools directory, String prefix, int count, int classes) {
        for (int s = 0; s < count; s++) {
            directory.add(FakeSchools.school(String.format(java.util.Locale.ROOT, "%s-%03d", prefix, s), "ベンチ校" + s,
                    "Bench " + s, s % 3 == 2 ? org.gigaplan.plan.model.SchoolType.JUNIOR_HIGH
                            : org.gigaplan.plan.model.SchoolType.ELEMENTARY, classes * 30, classes));
        }
        return directory;
    }

    /**
     * A new embedded Derby database on disk under {@code target/}, created on first connection, with the transaction
     * log's buffers the distribution gives Derby ({@code bin/setenv}) unless the run names others.
     */
    public static DataSource derbyOnDisk() {
        if (System.getProperty("derby.storage.logBufferSize") == null) {
            System.setProperty("derby.storage.logBufferSize", "1048576");
        }
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(Path.of("target", "bench-derby-" + System.currentTimeMillis()).toAbsolutePath().toString());
        ds.setCreateDatabase("create");
        return ds;
    }

    /**
     * Rows a second that plain JDBC batches insert into a table made for the measurement and dropped after it.
     *
     * @param create  the table's CREATE TABLE, then any CREATE INDEX: the same columns and indexes as the module's
     * @param table   the table's name, as {@code create} names it
     * @param columns how many columns each row binds
     * @param batch   rows per batch, each batch committed
     */
    public static double plainInsertRate(DataSource ds, List<String> create, String table, int columns, long rows,
            int batch, Row row) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : create) {
                    s.executeUpdate(sql);
                }
            }
            c.commit();
            long started = System.nanoTime();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " VALUES ("
                    + String.join(", ", Collections.nCopies(columns, "?")) + ")")) {
                for (long n = 0; n < rows; n++) {
                    row.bind(s, n);
                    s.addBatch();
                    if (n % batch == batch - 1 || n == rows - 1) {
                        s.executeBatch();
                        c.commit();
                    }
                }
            }
            double rate = rows / ((System.nanoTime() - started) / 1e9);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DROP TABLE " + table);
            }
            c.commit();
            return rate;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Prints an ingest rate as a share of what the database itself sustains ({@link #plainInsertRate}), timed twice in
     * the same run: before the ingest, on the fresh database, and after it. The machine's speed and the database's
     * files change during a run (the same build has given shares a third apart when only the later was timed), so the
     * share is given against the faster of the two, the stricter, and against the slower.
     *
     * @param what        what was ingested, as the line names it
     * @param rows        rows each plain insert wrote
     * @param rowsPerSecond the ingest's rate, in the same rows
     */
    public static void printShareOfPlainInsert(String what, long rows, double rowsPerSecond, double plainBefore,
            double plainAfter) {
        double faster = Math.max(plainBefore, plainAfter);
        double slower = Math.min(plainBefore, plainAfter);
        System.out.printf(Locale.ROOT, "plain JDBC batch insert of %,d rows of the same shape into the same database: "
                + "%,.0f rows/s before the ingest, %,.0f rows/s after it%n", rows, plainBefore, plainAfter);
        System.out.printf(Locale.ROOT, "%s at %,.0f rows/s = %.0f %% of the faster (%.0f %% of the slower; goal ≥ 50 %%)%n",
                what, rowsPerSecond, 100 * rowsPerSecond / faster, 100 * rowsPerSecond / slower);
    }

    /** A board view's limits: median and 95th percentile of fresh computations, in milliseconds. */
    public static final double VIEW_MEDIAN_LIMIT_MS = 50;
    public static final double VIEW_P95_LIMIT_MS = 100;

    /**
     * Times a view: one first (cold) run, then twenty, each computed afresh (nothing in the modules caches a view);
     * prints the first, the median and the 95th percentile with their ratios to the view limits (with
     * {@code -Dbench.verbose=true} every run as well), and returns the median in milliseconds.
     */
    public static double view(String what, Runnable query) {
        List<Double> runs = new java.util.ArrayList<>();
        double cold = 0;
        for (int i = 0; i < 21; i++) {
            long t = System.nanoTime();
            query.run();
            double ms = (System.nanoTime() - t) / 1e6;
            if (i == 0) {
                cold = ms;
            } else {
                runs.add(ms);
            }
        }
        if (Boolean.getBoolean("bench.verbose")) {
            System.out.printf(java.util.Locale.ROOT, "  runs of %s, in order: %s%n", what, runs.stream()
                    .map(ms -> String.format(java.util.Locale.ROOT, "%.1f", ms)).toList());
        }
        runs.sort(Double::compare);
        double median = (runs.get(9) + runs.get(10)) / 2;
        double p95 = runs.get(18);
        System.out.printf(java.util.Locale.ROOT, "%-44s first %7.1f ms, median %6.1f ms (%4.2f of limit), "
                + "p95 %6.1f ms (%4.2f of limit)%n", what, cold, median, median / VIEW_MEDIAN_LIMIT_MS, p95,
                p95 / VIEW_P95_LIMIT_MS);
        return median;
    }
}
