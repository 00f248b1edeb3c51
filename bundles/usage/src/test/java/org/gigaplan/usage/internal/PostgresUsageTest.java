package org.gigaplan.usage.internal;

import javax.sql.DataSource;

import org.gigaplan.testkit.TestDatabase;

class PostgresUsageTest extends UsageContract {

    @Override
    DataSource dataSource() {
        return TestDatabase.postgres().dataSource();
    }
}
