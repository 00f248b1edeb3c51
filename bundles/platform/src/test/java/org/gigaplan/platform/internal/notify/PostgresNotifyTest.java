package org.gigaplan.platform.internal.notify;

import javax.sql.DataSource;

import org.gigaplan.testkit.TestDatabase;

/** Follow-up on a real PostgreSQL server: two schedulers on it are two nodes of one installation. */
class PostgresNotifyTest extends NotifyContract {

    @Override
    DataSource dataSource() {
        return TestDatabase.postgres().dataSource();
    }
}
