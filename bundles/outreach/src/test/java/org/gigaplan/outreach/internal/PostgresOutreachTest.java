package org.gigaplan.outreach.internal;

import javax.sql.DataSource;

import org.gigaplan.platform.internal.store.TestDatabases;

class PostgresOutreachTest extends OutreachContract {

    @Override
    DataSource dataSource() {
        return TestDatabases.postgres();
    }
}
