package org.gigaplan.platform.internal.store;

import javax.sql.DataSource;

/** The store contract on embedded Derby, the default engine. */
class DerbyStoreTest extends StoreContract {

    private static final DataSource DERBY = TestDatabases.derby("stores");

    @Override
    DataSource dataSource() {
        return DERBY;
    }
}
