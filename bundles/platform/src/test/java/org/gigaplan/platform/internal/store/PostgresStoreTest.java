package org.gigaplan.platform.internal.store;

import javax.sql.DataSource;

/** The store contract on a real PostgreSQL server, the production engine. */
class PostgresStoreTest extends StoreContract {

    @Override
    DataSource dataSource() {
        return TestDatabases.postgres();
    }
}
