package org.gigaplan.platform.internal.security;

import java.util.List;
import java.util.Optional;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.BackingEngine;
import org.apache.karaf.jaas.modules.BackingEngineFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Adds users to a Karaf JAAS realm the way {@code jaas:user-add} does, through the realm's backing engine, so
 * the realm's password encryption applies.
 */
final class KarafUsers {

    private final BundleContext context;
    private final String realm;

    KarafUsers(BundleContext context, String realm) {
        this.context = context;
        this.realm = realm;
    }

    boolean exists(String user) {
        return engine().lookupUser(user) != null;
    }

    /** Adds a user with roles and Karaf groups (e.g. {@code admingroup} for console access). */
    void add(String user, String password, List<String> roles, List<String> groups) {
        BackingEngine engine = engine();
        engine.addUser(user, password);
        roles.forEach(role -> engine.addRole(user, role));
        groups.forEach(group -> engine.addGroup(user, group));
    }

    private BackingEngine engine() {
        AppConfigurationEntry entry = services(JaasRealm.class).stream().map(context::getService)
                .filter(r -> r != null && realm.equals(r.getName()))
                .flatMap(r -> List.of(r.getEntries()).stream()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no JAAS realm " + realm));
        String module = String.valueOf(entry.getOptions().get(ProxyLoginModule.PROPERTY_MODULE));
        Optional<BackingEngineFactory> factory = services(BackingEngineFactory.class).stream()
                .map(context::getService).filter(f -> f != null && module.equals(f.getModuleClass())).findFirst();
        return factory.orElseThrow(() -> new IllegalStateException("realm " + realm + " (" + module
                + ") cannot add users")).build(entry.getOptions());
    }

    private <T> List<ServiceReference<T>> services(Class<T> type) {
        try {
            return List.copyOf(context.getServiceReferences(type, null));
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
