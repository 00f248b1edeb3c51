package org.gigaplan.usage.internal;

import javax.sql.DataSource;

import org.gigaplan.platform.internal.store.TestDatabases;

class DerbyUsageTest extends UsageContract {

    private static final DataSource DS = TestDatabases.derby("usage");

    @Override
    DataSource dataSource() {
        return DS;
    }
}
