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
}
