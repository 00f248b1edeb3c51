package org.gigaplan.platform.internal.roster;

import javax.sql.DataSource;

import org.gigaplan.testkit.TestDatabase;

/** The roster import on embedded Derby, the default engine. */
class DerbyRosterImportTest extends RosterImportContract {

    private static final DataSource DERBY = TestDatabase.derby("roster").dataSource();

    @Override
    DataSource dataSource() {
        return DERBY;
    }
}
