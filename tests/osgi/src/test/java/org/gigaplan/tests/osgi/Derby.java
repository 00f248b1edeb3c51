package org.gigaplan.tests.osgi;

import java.util.Dictionary;
import java.util.Hashtable;

import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/**
 * The DataSource the distribution gets from pax-jdbc-config ({@code dataSourceName=gigaplan}), here an embedded
 * Derby database in memory registered for the test class ({@code @ExtendWith(Derby.class)}), so the platform and
 * the modules migrate and start on it, and unregistered after it.
 */
final class Derby implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace HERE = ExtensionContext.Namespace.create(Derby.class);

    @Override
    public void beforeAll(ExtensionContext extension) {
        BundleContext context = FrameworkUtil.getBundle(Derby.class).getBundleContext();
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:gigaplan-osgi");
        ds.setCreateDatabase("create");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("dataSourceName", "gigaplan");
        extension.getStore(HERE).put(ServiceRegistration.class, context.registerService(DataSource.class, ds, properties));
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        extension.getStore(HERE).remove(ServiceRegistration.class, ServiceRegistration.class).unregister();
    }
}
