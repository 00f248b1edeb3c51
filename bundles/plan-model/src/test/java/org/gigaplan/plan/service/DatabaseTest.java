package org.gigaplan.plan.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;

import org.junit.jupiter.api.Test;

/** Which failures a transaction may simply run again. */
class DatabaseTest {

    private static Database.StoreException failed(SQLException cause) {
        return new Database.StoreException(cause.getMessage(), cause);
    }

    @Test
    void racesDeadlocksAndDerbysLockTimeoutsAreRetriedOtherFailuresAreNot() {
        assertTrue(Database.isRetryable(failed(new SQLException("duplicate key", "23505"))));
        assertTrue(Database.isRetryable(failed(new SQLTransactionRollbackException("deadlock", "40001"))));
        assertTrue(Database.isRetryable(failed(new SQLException("deadlock detected", "40P01"))));
        // Two first reports of one new teacher at once: Derby timed one out after its deadlock check (CI, 2026-11-30).
        assertTrue(Database.isRetryable(failed(new SQLTransactionRollbackException(
                "A lock could not be obtained within the time requested", "40XL1"))));
        assertFalse(Database.isRetryable(failed(new SQLException("value too long", "22001"))));
        assertFalse(Database.isRetryable(new IllegalStateException("no SQL cause")));
    }
}
