package org.gigaplan.outreach.internal;

import javax.sql.DataSource;

import org.gigaplan.platform.internal.store.TestDatabases;

class DerbyOutreachTest extends OutreachContract {

    private static final DataSource DS = TestDatabases.derby("outreach");

    @Override
    DataSource dataSource() {
        return DS;
    }
}
