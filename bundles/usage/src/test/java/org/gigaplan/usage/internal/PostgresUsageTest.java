package org.gigaplan.usage.internal;

import javax.sql.DataSource;

import org.gigaplan.platform.internal.store.TestDatabases;

class PostgresUsageTest extends UsageContract {

    @Override
    DataSource dataSource() {
        return TestDatabases.postgres();
    }
}
