package org.gigaplan.usage.internal;

import javax.sql.DataSource;

import org.gigaplan.testkit.TestDatabase;

class DerbyUsageTest extends UsageContract {

    private static final DataSource DS = TestDatabase.derby("usage").dataSource();

    @Override
    DataSource dataSource() {
        return DS;
    }
}
