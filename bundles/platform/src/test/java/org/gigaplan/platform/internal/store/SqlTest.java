package org.gigaplan.platform.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.gigaplan.plan.service.Database;
import org.junit.jupiter.api.Test;

class SqlTest {

    private static Sql sql() {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:sql-test");
        ds.setCreateDatabase("create");
        return new Sql(ds);
    }

    @Test
    void aTransactionInsideAnotherIsNamedOnceAndOneAfterAnotherIsNot() {
        Sql sql = sql();
        sql.transaction(c -> c.isValid(1));
        sql.transaction(c -> c.isValid(1));
        assertTrue(sql.nestedTransactions().isEmpty(), "one after another: " + sql.nestedTransactions());
        for (int i = 0; i < 3; i++) {
            sql.transaction(outer -> sql.transaction(inner -> inner.isValid(1)));
        }
        assertEquals(1, sql.nestedTransactions().size(), "the same place, named once");
        assertTrue(sql.nestedTransactions().iterator().next().contains("SqlTest"), sql.nestedTransactions()::toString);
        // A failed outer transaction leaves the thread outside any.
        Sql fresh = sql();
        assertThrows(Database.StoreException.class, () -> fresh.transaction(c -> {
            throw new SQLException("broken");
        }));
        fresh.transaction(c -> c.isValid(1));
        assertTrue(fresh.nestedTransactions().isEmpty());
    }

    /**
     * A write's transaction undone by the database (here a lock time-out, which ends Derby's whole transaction): when
     * nothing before the failing work had changed data the work runs again and the write commits; when something had,
     * the write is lost and refuses to commit.
     */
    @Test
    void aWriteUndoneByTheDatabaseRetriesUnlessItHadChangedDataBefore() throws Exception {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:sql-write-test");
        ds.setCreateDatabase("create");
        Sql sql = new Sql(ds);
        sql.transaction(c -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.locks.waitTimeout', '1')");
                s.execute("CREATE TABLE locked_rows (n INT)");
                return s.execute("CREATE TABLE other_rows (n INT)");
            }
        });
        Database.Work<Integer> insert = c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO locked_rows VALUES (1)")) {
                return ps.executeUpdate();
            }
        };
        for (boolean changedBefore : new boolean[] { false, true }) {
            try (java.sql.Connection lock = ds.getConnection()) {
                lock.setAutoCommit(false);
                try (java.sql.Statement s = lock.createStatement()) {
                    s.execute("LOCK TABLE locked_rows IN EXCLUSIVE MODE");
                }
                try (Sql.Write write = sql.beginWrite()) {
                    sql.transaction(c -> c.createStatement().executeQuery("SELECT COUNT(*) FROM other_rows").next());
                    if (changedBefore) {
                        sql.transaction(c -> c.createStatement().executeUpdate("INSERT INTO other_rows VALUES (1)"));
                    }
                    Database.StoreException timedOut = assertThrows(Database.StoreException.class,
                            () -> sql.transaction(insert));
                    assertTrue(Database.isRetryable(timedOut), timedOut::toString);
                    assertEquals(changedBefore, write.lost(), "lost only when something had changed before");
                    lock.rollback();
                    if (changedBefore) {
                        assertThrows(Database.StoreException.class, () -> sql.transaction(insert), "a lost write runs nothing more");
                        assertThrows(Database.StoreException.class, write::commit);
                    } else {
                        assertEquals(1, sql.transaction(insert), "the work runs again");
                        write.commit();
                    }
                }
            }
        }
        int rows = sql.transaction(c -> {
            try (java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM locked_rows")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertEquals(1, rows, "the retried write stored its row, the lost one nothing");
    }

    /**
     * /api writes beyond the limit wait for a turn without taking a connection (and fail as busy after the wait),
     * while work outside writes (the views) runs; a write that ends gives its turn to the next.
     */
    @Test
    void writesBeyondTheLimitWaitTheirTurnWhileReadsRun() throws Exception {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:sql-turn-test");
        ds.setCreateDatabase("create");
        Sql sql = new Sql(ds, 2, 200);
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.CountDownLatch end = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> held = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                held.add(pool.submit(() -> {
                    try (Sql.Write write = sql.beginWrite()) {
                        sql.transaction(c -> c.isValid(1));
                        holding.countDown();
                        end.await();
                        write.commit();
                        return true;
                    }
                }));
            }
            assertTrue(holding.await(30, java.util.concurrent.TimeUnit.SECONDS), "two writes hold their connections");
            try (Sql.Write third = sql.beginWrite()) {
                Database.StoreException busy = assertThrows(Database.StoreException.class,
                        () -> sql.transaction(c -> c.isValid(1)), "a third write waits, then fails as busy");
                assertTrue(busy.getMessage().contains("busy"), busy::getMessage);
            }
            assertTrue(sql.<Boolean>transaction(c -> c.isValid(1)), "a read runs while the writes hold their turns");
            end.countDown();
            for (java.util.concurrent.Future<Boolean> f : held) {
                assertTrue(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            try (Sql.Write next = sql.beginWrite()) {
                assertTrue(sql.<Boolean>transaction(c -> c.isValid(1)), "the turns given back serve the next write");
                next.commit();
            }
        } finally {
            end.countDown();
            pool.shutdownNow();
        }
    }

    /**
     * What is to follow a write runs once the write is stored, outside its transaction, and never when it is undone:
     * an /api write's tasks after it commits and closes; a transaction's after it commits; else at once. A failing task
     * is logged and the others still run.
     */
    @Test
    void whatFollowsAWriteRunsOnceItIsStoredAndNeverWhenItIsUndone() {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:sql-after-commit-test");
        ds.setCreateDatabase("create");
        Sql sql = new Sql(ds);
        sql.transaction(c -> c.createStatement().execute("CREATE TABLE told (what VARCHAR(20))"));
        sql.transaction(c -> c.createStatement().execute("CREATE TABLE kept (what VARCHAR(20))"));
        java.util.function.Function<String, Runnable> tell = what -> () -> sql.transaction(
                c -> c.createStatement().executeUpdate("INSERT INTO told VALUES ('" + what + "')"));
        // Read on a connection of its own: inside the write, a transaction would join it.
        java.util.function.Supplier<java.util.List<String>> told = () -> {
            java.util.List<String> out = new java.util.ArrayList<>();
            try (java.sql.Connection c = ds.getConnection();
                    java.sql.ResultSet r = c.createStatement().executeQuery("SELECT what FROM told ORDER BY what")) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return out;
        };

        try (Sql.Write write = sql.beginWrite()) {
            sql.transaction(c -> c.createStatement().executeUpdate("INSERT INTO kept VALUES ('stored')"));
            sql.afterCommit(() -> {
                throw new IllegalStateException("a task that fails");
            });
            sql.afterCommit(tell.apply("after write"));
            assertEquals(java.util.List.of(), told.get(), "nothing is told before the write commits");
            write.commit();
        }
        assertEquals(java.util.List.of("after write"), told.get(), "told after the commit, on its own");

        try (Sql.Write write = sql.beginWrite()) {
            sql.afterCommit(tell.apply("undone write"));
            write.rollback();
            write.commit();
        }
        try (Sql.Write write = sql.beginWrite()) {
            sql.afterCommit(tell.apply("never committed"));
        }
        sql.transaction(c -> {
            sql.afterCommit(tell.apply("transaction"));
            boolean read = c.createStatement().executeQuery("SELECT COUNT(*) FROM kept").next();
            assertEquals(java.util.List.of("after write"), told.get(), "not told inside the transaction");
            return read;
        });
        assertThrows(Database.StoreException.class, () -> sql.transaction(c -> {
            sql.afterCommit(tell.apply("failed transaction"));
            throw new SQLException("undone");
        }));
        sql.afterCommit(tell.apply("no transaction"));
        assertEquals(java.util.List.of("after write", "no transaction", "transaction"), told.get());
        assertTrue(sql.nestedTransactions().isEmpty(), "no task ran inside the transaction it followed: "
                + sql.nestedTransactions());
    }
}
