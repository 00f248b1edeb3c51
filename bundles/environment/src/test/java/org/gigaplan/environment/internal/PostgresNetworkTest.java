package org.gigaplan.environment.internal;

import javax.sql.DataSource;

import org.gigaplan.platform.internal.store.TestDatabases;

class PostgresNetworkTest extends NetworkContract {

    @Override
    DataSource dataSource() {
        return TestDatabases.postgres();
    }
}
