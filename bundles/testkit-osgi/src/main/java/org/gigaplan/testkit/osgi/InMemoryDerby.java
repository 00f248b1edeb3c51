package org.gigaplan.testkit.osgi;

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
 * Derby database in memory registered for the test class ({@code @ExtendWith(InMemoryDerby.class)}), so the platform
 * and the modules migrate and start on it, and unregistered after it. The database lives as long as the framework:
 * test classes of one run see each other's rows.
 */
public final class InMemoryDerby implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace HERE = ExtensionContext.Namespace.create(InMemoryDerby.class);

    @Override
    public void beforeAll(ExtensionContext extension) {
        BundleContext context = FrameworkUtil.getBundle(InMemoryDerby.class).getBundleContext();
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
