package org.gigaplan.platform.internal.security;

import org.apache.karaf.jaas.modules.BackingEngineFactory;
import org.apache.karaf.jaas.modules.jdbc.JDBCBackingEngineFactory;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Karaf's JDBC backing engines, which edit the users of the {@link DatabaseRealm}: Karaf registers the engines of
 * its users file but not these. With them, {@code jaas:realm-manage --realm gigaplan} and {@code jaas:user-add} work
 * on the database's users, as {@link KarafUserDirectory} does.
 */
@Component(service = BackingEngineFactory.class)
public class DatabaseRealmEngines extends JDBCBackingEngineFactory {

    /** Registered with the realm only: where Karaf's JAAS is, and once the platform's tables are there. */
    @Reference(target = "(" + DatabaseRealm.PROPERTY + "=" + DatabaseRealm.NAME + ")")
    private JaasRealm realm;
}
