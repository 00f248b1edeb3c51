package org.gigaplan.platform.internal.roster;

import javax.sql.DataSource;

import org.gigaplan.testkit.TestDatabase;

/** The roster import on a real PostgreSQL server. */
class PostgresRosterImportTest extends RosterImportContract {

    @Override
    DataSource dataSource() {
        return TestDatabase.postgres().dataSource();
    }
}
