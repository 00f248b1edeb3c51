package org.gigaplan.platform.internal.store;

import org.gigaplan.testkit.TestDatabase;
import static org.junit.jupiter.api.Assertions.assertFalse;

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

    /** A process killed mid-migration leaves the lock set; embedded, nothing else can hold it. */
    @Test
    @Timeout(60)
    void aMigrationLockLeftByADeadProcessDoesNotBlockTheNextStart() throws Exception {
        try (Connection c = DERBY.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE databasechangeloglock SET locked = TRUE, lockgranted = CURRENT_TIMESTAMP, "
                    + "lockedby = 'killed process'");
        }
        new PlatformDatabase(DERBY);
        try (Connection c = DERBY.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT locked FROM databasechangeloglock")) {
            rs.next();
            assertFalse(rs.getBoolean(1), "the lock is released after the migration");
        }
    }
}
