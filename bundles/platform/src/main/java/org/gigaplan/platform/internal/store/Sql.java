package org.gigaplan.platform.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.gigaplan.plan.service.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs units of JDBC work on a DataSource, each in one transaction: all of it commits or none does. A transaction
 * opened while the same thread is inside another is logged (once per place): the DataSource is a pool, and requests
 * that each hold a connection while waiting for a second can exhaust it.
 */
public final class Sql implements Database {

    /** What the log says of a transaction inside a transaction; the end-to-end tests look for it. */
    public static final String NESTED = "transaction inside a transaction";

    private static final Logger LOG = LoggerFactory.getLogger(Sql.class);
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);
    private static final StackWalker STACK = StackWalker.getInstance();
    /** Frames left out when naming where a nested transaction was opened: the transaction plumbing itself. */
    private static final Set<String> PLUMBING = Set.of(Sql.class.getName(), PlatformDatabase.class.getName(),
            Database.class.getName());

    private final DataSource dataSource;
    private final Set<String> nestedAt = ConcurrentHashMap.newKeySet();

    public Sql(DataSource dataSource) {
        this.dataSource = dataSource;
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
        try {
            return run(work);
        } finally {
            if (outer) {
                INSIDE.remove();
            }
        }
    }

    /** The places (our stack frames) that opened a transaction inside another so far. */
    Set<String> nestedTransactions() {
        return Set.copyOf(nestedAt);
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
