package org.gigaplan.training.internal;

import javax.sql.DataSource;

import org.gigaplan.platform.internal.store.TestDatabases;

class DerbyTrainingTest extends TrainingContract {

    private static final DataSource DS = TestDatabases.derby("training");

    @Override
    DataSource dataSource() {
        return DS;
    }
}
