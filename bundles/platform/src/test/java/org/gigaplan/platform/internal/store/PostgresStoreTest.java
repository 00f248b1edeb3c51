package org.gigaplan.platform.internal.store;

import org.gigaplan.testkit.TestDatabase;
import javax.sql.DataSource;

/** The store contract on a real PostgreSQL server, the production engine. */
class PostgresStoreTest extends StoreContract {

    @Override
    DataSource dataSource() {
        return TestDatabase.postgres().dataSource();
    }
}
