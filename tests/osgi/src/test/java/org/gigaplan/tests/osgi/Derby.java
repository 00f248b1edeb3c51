package org.gigaplan.tests.osgi;

import java.util.Dictionary;
import java.util.Hashtable;

import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The DataSource the distribution gets from pax-jdbc-config ({@code dataSourceName=gigaplan}), here an embedded
 * Derby database in memory registered by the tests, so the platform and the modules migrate and start on it.
 */
final class Derby {

    private Derby() {
    }

    static ServiceRegistration<DataSource> register(BundleContext context) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:gigaplan-osgi");
        ds.setCreateDatabase("create");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("dataSourceName", "gigaplan");
        return context.registerService(DataSource.class, ds, properties);
    }
}
