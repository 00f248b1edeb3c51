package org.gigaplan.outreach.internal;

import javax.sql.DataSource;

import org.gigaplan.testkit.TestDatabase;

class PostgresOutreachTest extends OutreachContract {

    @Override
    DataSource dataSource() {
        return TestDatabase.postgres().dataSource();
    }
}
