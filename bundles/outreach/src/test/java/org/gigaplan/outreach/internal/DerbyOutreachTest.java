package org.gigaplan.outreach.internal;

import javax.sql.DataSource;

import org.gigaplan.testkit.TestDatabase;

class DerbyOutreachTest extends OutreachContract {

    private static final DataSource DS = TestDatabase.derby("outreach").dataSource();

    @Override
    DataSource dataSource() {
        return DS;
    }
}
