package org.gigaplan.training.internal;

import javax.sql.DataSource;

import org.gigaplan.testkit.TestDatabase;

class DerbyTrainingTest extends TrainingContract {

    private static final DataSource DS = TestDatabase.derby("training").dataSource();

    @Override
    DataSource dataSource() {
        return DS;
    }
}
