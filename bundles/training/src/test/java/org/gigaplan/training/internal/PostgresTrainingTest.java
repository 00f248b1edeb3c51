package org.gigaplan.training.internal;

import javax.sql.DataSource;

import org.gigaplan.testkit.TestDatabase;

class PostgresTrainingTest extends TrainingContract {

    @Override
    DataSource dataSource() {
        return TestDatabase.postgres().dataSource();
    }
}
