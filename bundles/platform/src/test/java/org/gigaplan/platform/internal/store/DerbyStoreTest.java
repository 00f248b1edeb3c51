package org.gigaplan.platform.internal.store;

import org.gigaplan.testkit.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The store contract on embedded Derby, the default engine. */
class DerbyStoreTest extends StoreContract {

    private static final DataSource DERBY = TestDatabase.derby("stores").dataSource();

    @Override
    DataSource dataSource() {
        return DERBY;
    }

    /**
     * A start whose changelog is unchanged does not hand it to Liquibase (a lock left set stays untouched); a changed
     * one is applied, and a migration lock left by a process killed mid-migration (embedded, nothing else can hold it)
     * does not block it.
     */
    @Test
    @Timeout(60)
    void anUnchangedChangelogIsSkippedAndAChangedOneRunsPastALockLeftByADeadProcess() throws Exception {
        new PlatformDatabase(DERBY);
        sql("UPDATE databasechangeloglock SET locked = TRUE, lockgranted = CURRENT_TIMESTAMP, lockedby = 'killed process'");
        new PlatformDatabase(DERBY);
        assertTrue(locked(), "unchanged: Liquibase did not run, the lock is as it was left");
        sql("UPDATE gp_migrated SET sha256 = 'an earlier content' WHERE changelog = '" + PlatformDatabase.CHANGELOG + "'");
        new PlatformDatabase(DERBY);
        assertFalse(locked(), "changed: the migration ran and released the lock");
        try (Connection c = DERBY.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT sha256 FROM gp_migrated WHERE changelog = '"
                        + PlatformDatabase.CHANGELOG + "'")) {
            rs.next();
            assertEquals(Migrations.sha256(PlatformDatabase.class.getClassLoader(), PlatformDatabase.CHANGELOG),
                    rs.getString(1), "the content applied is recorded");
        }
    }

    private static void sql(String update) throws Exception {
        try (Connection c = DERBY.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(update);
        }
    }

    private static boolean locked() throws Exception {
        try (Connection c = DERBY.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT locked FROM databasechangeloglock")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** A backup taken while running restores to its own state: what was written after it is not in the copy. */
    @Test
    void anOnlineBackupRestoresToTheStateItWasTakenIn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder)
            throws Exception {
        PlatformDatabase db = new PlatformDatabase(DERBY);
        db.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE test_backup (n INT)");
                return s.executeUpdate("INSERT INTO test_backup VALUES (1)");
            }
        });
        java.nio.file.Path copy = db.backupTo(folder);
        db.transaction(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("INSERT INTO test_backup VALUES (2)");
            }
        });
        org.apache.derby.jdbc.EmbeddedDataSource restored = new org.apache.derby.jdbc.EmbeddedDataSource();
        restored.setDatabaseName("memory:restored-stores");
        restored.setConnectionAttributes("restoreFrom=" + copy);
        try (Connection c = restored.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(n) FROM test_backup")) {
            rs.next();
            org.junit.jupiter.api.Assertions.assertEquals(1, rs.getInt(1), "the row written after the backup is not in it");
        } finally {
            db.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("DROP TABLE test_backup");
                }
            });
        }
    }

    /**
     * The database the distribution ships (made by its build): every table, no school, plan or user, each
     * changelog recorded as applied, so a first start on it hands nothing to Liquibase (a lock left set stays).
     */
    @Test
    @Timeout(60)
    void theShippedDatabaseHoldsTheSchemaAndAStartOnItMigratesNothing(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path folder) throws Exception {
        java.nio.file.Path made = folder.resolve("gigaplan");
        ShippedDerbyDatabase.make(made, java.util.List.of(PlatformDatabase.CHANGELOG),
                PlatformDatabase.class.getClassLoader());
        org.apache.derby.jdbc.EmbeddedDataSource shipped = new org.apache.derby.jdbc.EmbeddedDataSource();
        shipped.setDatabaseName(made.toString());
        try {
            try (Connection c = shipped.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE databasechangeloglock SET locked = TRUE, lockedby = 'not Liquibase'");
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM gp_school")) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), "no school is shipped");
                }
            }
            new PlatformDatabase(shipped);
            try (Connection c = shipped.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT locked FROM databasechangeloglock")) {
                rs.next();
                assertTrue(rs.getBoolean(1), "the start found nothing to migrate: Liquibase did not run");
            }
        } finally {
            shipped.setShutdownDatabase("shutdown");
            try {
                shipped.getConnection().close();
            } catch (java.sql.SQLException shutDown) {
                assertEquals("08006", shutDown.getSQLState(), shutDown::getMessage);
            }
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> ShippedDerbyDatabase.make(
                made, java.util.List.of(PlatformDatabase.CHANGELOG), PlatformDatabase.class.getClassLoader()),
                "made from nothing: an existing folder is refused");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ShippedDerbyDatabase.make(
                folder.resolve("other"), java.util.List.of("db/nothing/changelog.xml"),
                PlatformDatabase.class.getClassLoader()), "a changelog that is not there is named");
    }
}
