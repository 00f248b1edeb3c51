package org.gigaplan.environment.internal;

import javax.sql.DataSource;

import org.gigaplan.testkit.TestDatabase;

class DerbyNetworkTest extends NetworkContract {

    private static final DataSource DS = TestDatabase.derby("environment").dataSource();

    @Override
    DataSource dataSource() {
        return DS;
    }
}
