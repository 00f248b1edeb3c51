package org.gigaplan.platform.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Nodes starting together on an empty PostgreSQL database each migrate it: one after the other, every changeset
 * once, none failing because another node was creating Liquibase's tables at that moment.
 */
class ConcurrentMigrationsTest {

    private static final int NODES = 4;

    @Test
    void nodesMigratingAnEmptyDatabaseAtOnceAllSucceedAndApplyEachChangesetOnce() throws Exception {
        TestDatabase.PostgresDatabase empty = TestDatabase.newPostgresDatabase("gigaplan_migrations");
        CyclicBarrier together = new CyclicBarrier(NODES);
        ExecutorService nodes = Executors.newFixedThreadPool(NODES);
        try {
            List<Future<?>> migrations = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                migrations.add(nodes.submit(() -> {
                    together.await();
                    // Each thread as a node of its own: not queued behind the others in this JVM.
                    Migrations.applyBesideOtherNodes(dataSource(empty), PlatformDatabase.CHANGELOG,
                            PlatformDatabase.class.getClassLoader());
                    return null;
                }));
            }
            for (Future<?> m : migrations) {
                m.get();
            }
        } finally {
            nodes.shutdownNow();
        }
        try (Connection c = dataSource(empty).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id) FROM databasechangelog")) {
            r.next();
            assertEquals(r.getInt(2), r.getInt(1), "every changeset once");
        }
    }

    private static PGSimpleDataSource dataSource(TestDatabase.PostgresDatabase database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(database.url());
        ds.setUser(database.user());
        ds.setPassword(database.password());
        return ds;
    }
}
