package org.gigaplan.environment.internal;

import javax.sql.DataSource;

import org.gigaplan.platform.internal.store.TestDatabases;

class DerbyNetworkTest extends NetworkContract {

    private static final DataSource DS = TestDatabases.derby("environment");

    @Override
    DataSource dataSource() {
        return DS;
    }
}
