package org.gigaplan.training.internal;

import javax.sql.DataSource;

import org.gigaplan.platform.internal.store.TestDatabases;

class PostgresTrainingTest extends TrainingContract {

    @Override
    DataSource dataSource() {
        return TestDatabases.postgres();
    }
}
