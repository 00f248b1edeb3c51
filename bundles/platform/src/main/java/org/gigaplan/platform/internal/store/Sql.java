package org.gigaplan.platform.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.gigaplan.plan.service.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs units of JDBC work on a DataSource, each in one transaction: all of it commits or none does. A transaction
 * opened while the same thread is inside another is logged (once per place): the DataSource is a pool, and requests
 * that each hold a connection while waiting for a second can exhaust it.
 *
 * <p>An /api write runs as one {@link Write}: every transaction its resource opens on this thread joins the write's
 * one database transaction, and the write's audit entry is inserted in it before it commits, so a write and its
 * audit entry are stored together or not at all.
 *
 * <p>At most {@code concurrentWrites} /api writes hold a pooled connection at once; the others wait for one of them
 * to end before they take a connection. Writers of one school queue on its lock row inside the database, each
 * holding its connection: unbounded, they would take the whole pool and leave the views and the public roll-up
 * waiting behind them. The rest of the pool is left to reads and to work outside /api writes.
 */
public final class Sql implements Database {

    /** What the log says of a transaction inside a transaction; the end-to-end tests look for it. */
    public static final String NESTED = "transaction inside a transaction";

    private static final Logger LOG = LoggerFactory.getLogger(Sql.class);
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);
    /** The /api write this thread is handling, if any. */
    private static final ThreadLocal<Write> WRITE = new ThreadLocal<>();
    /** What runs once the transaction this thread has open (outside an /api write) commits. */
    private static final ThreadLocal<List<Runnable>> AFTER_COMMIT = new ThreadLocal<>();
    private static final StackWalker STACK = StackWalker.getInstance();
    /** Frames left out when naming where a nested transaction was opened: the transaction plumbing itself. */
    private static final Set<String> PLUMBING = Set.of(Sql.class.getName(), PlatformDatabase.class.getName(),
            Database.class.getName());

    private final DataSource dataSource;
    private final Set<String> nestedAt = ConcurrentHashMap.newKeySet();
    /** Permits for /api writes to hold a connection; null: no limit. */
    private final Semaphore writers;
    private final long writerWaitMillis;

    /** Runs work on the DataSource with no limit on concurrent /api writes. */
    public Sql(DataSource dataSource) {
        this(dataSource, 0, 0);
    }

    /**
     * @param concurrentWrites at most this many /api writes hold a connection at once (0: no limit); keep it under
     *                         the pool's size
     * @param writerWaitMillis how long a write waits for its turn before it fails as busy
     */
    public Sql(DataSource dataSource, int concurrentWrites, long writerWaitMillis) {
        this.dataSource = dataSource;
        this.writers = concurrentWrites > 0 ? new Semaphore(concurrentWrites, true) : null;
        this.writerWaitMillis = writerWaitMillis;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void migrate(String changelog, ClassLoader owner) {
        Migrations.apply(dataSource, changelog, owner);
    }

    @Override
    public <T> T transaction(Database.Work<T> work) {
        boolean outer = !INSIDE.get();
        if (!outer) {
            List<StackTraceElement> ours = STACK.walk(frames -> frames.map(StackWalker.StackFrame::toStackTraceElement)
                    .filter(f -> f.getClassName().startsWith("org.gigaplan.") && !PLUMBING.contains(f.getClassName()))
                    .limit(12).toList());
            String at = ours.isEmpty() ? "?" : ours.get(0).toString();
            if (nestedAt.add(ours.toString())) {
                LOG.warn("A {} at {}: it holds a second pooled connection; take what it needs first", NESTED, at,
                        new Throwable("where"));
            }
        }
        INSIDE.set(true);
        Write write = WRITE.get();
        if (!outer || write != null) {
            try {
                return outer ? write.run(work) : run(work);
            } finally {
                if (outer) {
                    INSIDE.remove();
                }
            }
        }
        List<Runnable> after = new ArrayList<>();
        AFTER_COMMIT.set(after);
        T result;
        try {
            result = run(work);
        } finally {
            AFTER_COMMIT.remove();
            INSIDE.remove();
        }
        runAll(after);
        return result;
    }

    @Override
    public void afterCommit(Runnable task) {
        Write write = WRITE.get();
        List<Runnable> after = AFTER_COMMIT.get();
        if (write != null) {
            write.afterCommit.add(task);
        } else if (after != null) {
            after.add(task);
        } else {
            runAll(List.of(task));
        }
    }

    /** Runs tasks queued for after a commit, each alone: one that fails is logged and the others still run. */
    private static void runAll(List<Runnable> tasks) {
        for (Runnable task : tasks) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("What was to follow a committed write failed (the write is kept): {}", e.toString(), e);
            }
        }
    }

    /**
     * Whether this thread is inside a transaction: what it reads on another connection now would hold a second pooled
     * connection (and be logged as a {@value #NESTED}).
     */
    public static boolean inTransaction() {
        return INSIDE.get();
    }

    /** The places (our stack frames) that opened a transaction inside another so far. */
    Set<String> nestedTransactions() {
        return Set.copyOf(nestedAt);
    }

    /**
     * Starts an /api write on this thread: until {@link Write#close()}, the transactions opened here (not nested
     * ones) join its one database transaction, each in a savepoint, so a failed one is undone alone and may run again.
     */
    public Write beginWrite() {
        Write stale = WRITE.get();
        if (stale != null) {
            stale.close();
        }
        Write write = new Write();
        WRITE.set(write);
        return write;
    }

    /** One /api write's database transaction, opened at its first use. */
    public final class Write implements AutoCloseable {

        private Connection connection;
        private Connection watched;
        private boolean autoCommit;
        /** The database rolled the whole transaction back (a deadlock or lock time-out): the write is lost. */
        private boolean lost;
        /** Whether a statement that changes data was prepared or run in this write's transaction. */
        private boolean changed;
        /** Whether this write holds one of the permits of {@code concurrentWrites}. */
        private boolean turn;
        /** What runs once the write is committed and closed; dropped when it is undone. */
        private final List<Runnable> afterCommit = new ArrayList<>();
        private boolean committed;

        private Write() {
        }

        private Connection connection() throws SQLException {
            if (connection == null) {
                takeTurn();
                try {
                    connection = dataSource.getConnection();
                } catch (SQLException | RuntimeException e) {
                    endTurn();
                    throw e;
                }
                autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                watched = Changes.watch(connection, () -> changed = true);
            }
            return watched;
        }

        <T> T run(Database.Work<T> work) {
            if (lost) {
                throw new Database.StoreException("the database undid this write in a conflict with another: "
                        + "nothing of it is stored; send it again", null);
            }
            try {
                Connection c = connection();
                boolean changedBefore = changed;
                Savepoint savepoint = c.setSavepoint();
                try {
                    T result = work.run(c);
                    c.releaseSavepoint(savepoint);
                    return result;
                } catch (Throwable e) {
                    try {
                        c.rollback(savepoint);
                    } catch (SQLException gone) {
                        // Derby ends the whole transaction on a deadlock or lock time-out: the savepoint went with it.
                        // When nothing before this work had changed data, nothing is lost: the work may run again
                        // (transactionRetrying) in the transaction the database started afresh.
                        lost = changedBefore;
                        changed = changedBefore;
                        e.addSuppressed(gone);
                    }
                    throw e;
                }
            } catch (SQLException e) {
                throw new Database.StoreException(e.getMessage(), e);
            }
        }

        /** Waits until fewer than the limit of /api writes hold a connection. */
        private void takeTurn() throws SQLException {
            if (writers == null) {
                return;
            }
            try {
                if (!writers.tryAcquire(writerWaitMillis, TimeUnit.MILLISECONDS)) {
                    throw new java.sql.SQLTransientConnectionException("the database is busy with other writes: "
                            + "none ended within " + writerWaitMillis + " ms; send it again", "08001");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.sql.SQLTransientConnectionException("interrupted while waiting to write", "08001", e);
            }
            turn = true;
        }

        private void endTurn() {
            if (turn) {
                turn = false;
                writers.release();
            }
        }

        /** Whether the database undid the write's transaction on its own. */
        public boolean lost() {
            return lost;
        }

        /** Undoes everything the write did so far; what runs next starts a new transaction on the same connection. */
        public void rollback() {
            if (connection != null) {
                try {
                    connection.rollback();
                } catch (SQLException e) {
                    throw new Database.StoreException(e.getMessage(), e);
                }
            }
            lost = false;
            afterCommit.clear();
        }

        /** Commits the write (its data and its audit entry). */
        public void commit() {
            if (lost) {
                throw new Database.StoreException("the write was undone by the database before it could commit", null);
            }
            if (connection != null) {
                try {
                    connection.commit();
                } catch (SQLException e) {
                    throw new Database.StoreException(e.getMessage(), e);
                }
            }
            committed = true;
        }

        /**
         * Ends the write: what was not committed is undone, and the connection goes back to the pool; then, when it
         * was committed, what was to follow it runs (on this thread, outside the write).
         */
        @Override
        public void close() {
            if (WRITE.get() == this) {
                WRITE.remove();
            }
            try {
                release();
            } finally {
                List<Runnable> after = committed ? List.copyOf(afterCommit) : List.of();
                afterCommit.clear();
                runAll(after);
            }
        }

        private void release() {
            if (connection == null) {
                return;
            }
            try (Connection c = connection) {
                c.rollback();
                c.setAutoCommit(autoCommit);
            } catch (SQLException e) {
                LOG.warn("Could not return the connection of an /api write cleanly: {}", e.toString());
            } finally {
                connection = null;
                watched = null;
                endTurn();
            }
        }
    }

    private <T> T run(Database.Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Throwable e) {
                // Any failure, an Error too: setting autocommit back below would otherwise commit the half done.
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new Database.StoreException(e.getMessage(), e);
        }
    }
}
