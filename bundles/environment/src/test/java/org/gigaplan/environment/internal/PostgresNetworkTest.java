package org.gigaplan.environment.internal;

import javax.sql.DataSource;

import org.gigaplan.testkit.TestDatabase;

class PostgresNetworkTest extends NetworkContract {

    @Override
    DataSource dataSource() {
        return TestDatabase.postgres().dataSource();
    }
}
