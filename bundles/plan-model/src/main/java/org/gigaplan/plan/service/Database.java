package org.gigaplan.plan.service;

import java.sql.Connection;
import java.sql.SQLException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's database as modules use it: one configured DataSource (embedded Derby by default,
 * PostgreSQL by configuration), each bundle's own versioned migrations, and transactions. A module keeps its
 * own tables, named with its own prefix, and writes SQL that runs on both engines.
 */
@ProviderType
public interface Database {

    /** A unit of JDBC work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Brings the caller's tables up to the last changeset of its Liquibase changelog, each changeset once. A
     * module calls it when it activates, before it reads or writes.
     *
     * @param changelog path of the changelog inside the owner's class loader, e.g. {@code db/usage/changelog.xml}
     * @param owner     class loader that sees the changelog: the module bundle's
     * @throws StoreException when the migration fails
     */
    void migrate(String changelog, ClassLoader owner);

    /**
     * Runs work in one transaction: all of it commits or none does.
     *
     * @throws StoreException wrapping an {@link SQLException}
     */
    <T> T transaction(Work<T> work);

    /**
     * Runs {@code task} once what this thread is writing is committed: in an /api write, after the request's one
     * transaction commits (not at all when it is undone); inside a transaction, after it commits; else at once. For
     * what must follow a write but may fail without undoing it, such as telling people of what was stored: run in a
     * transaction of its own, so a conflict in it (retried there) cannot lose the write. A task that fails is logged.
     * A task must not be the only way its work gets done: the node may stop between the commit and the task.
     */
    default void afterCommit(Runnable task) {
        task.run();
    }

    /**
     * Like {@link #transaction}, and runs the work again (at most three times in all) when it lost a race: a
     * concurrent writer inserted the same key first (two batches registering the same new record at once), or the
     * database broke a deadlock or a lock wait by rolling this transaction back ({@link #isRetryable}).
     */
    default <T> T transactionRetrying(Work<T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return transaction(work);
            } catch (StoreException e) {
                if (attempt >= 3 || !isRetryable(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Whether the transaction lost a race it may simply run again: two writers inserting the same key, a deadlock
     * (Derby 40001, PostgreSQL 40P01) or serialization failure (40001) the database broke by rolling it back, or a
     * lock wait Derby gave up on and rolled back (40XL1: seen when two first reports of one teacher arrive together
     * and Derby's deadlock check, after its 1 s deadlock timeout, times the waiter out instead of naming a deadlock).
     */
    static boolean isRetryable(Throwable e) {
        return causedBy(e, java.util.Set.of("23505", "40001", "40P01", "40XL1"));
    }

    /** Whether two writers raced for the same key: the caller may retry its transaction. */
    static boolean isDuplicateKey(Throwable e) {
        return causedBy(e, java.util.Set.of("23505"));
    }

    /** Whether an SQLException with one of these SQL states is among the causes of {@code e} (or is {@code e}). */
    private static boolean causedBy(Throwable e, java.util.Set<String> sqlStates) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && sqlStates.contains(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A failure of the database, unchecked: callers above a store cannot act on SQLException. */
    class StoreException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
