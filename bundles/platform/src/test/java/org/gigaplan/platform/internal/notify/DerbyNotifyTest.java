package org.gigaplan.platform.internal.notify;

import javax.sql.DataSource;

import org.gigaplan.testkit.TestDatabase;

/** Follow-up on embedded Derby, the default engine. */
class DerbyNotifyTest extends NotifyContract {

    private static final DataSource DERBY = TestDatabase.derby("notify").dataSource();

    @Override
    DataSource dataSource() {
        return DERBY;
    }
}
