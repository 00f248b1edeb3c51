package org.gigaplan.platform.internal.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.BackingEngine;
import org.apache.karaf.jaas.modules.BackingEngineFactory;
import org.gigaplan.platform.internal.rest.ApiConfig;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users of a Karaf JAAS realm (by default {@code karaf}, backed by {@code etc/users.properties}), through the
 * realm's backing engine, as {@code jaas:useradd} does: passwords are stored as the realm's encryption settings say
 * ({@code etc/org.apache.karaf.jaas.cfg}: bcrypt). Registered only inside Karaf, where the realm and its backing
 * engines are; the platform's import of Karaf's JAAS packages is optional, so the bundle resolves elsewhere too.
 */
@Component(service = UserDirectory.class, configurationPid = ApiConfig.PID)
public class KarafUserDirectory implements UserDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(KarafUserDirectory.class);
    private static final String MODULE_OPTION = "org.apache.karaf.jaas.module";
    private static final String GROUP_ROLE_PREFIX = "_g_:";

    /** One writer of the users file at a time in this process (every instance, reactivations included). */
    private static final Object LOCK = new Object();

    private final Optional<BackingEngineFactory> factory;
    private final Map<String, ?> options;
    private final Optional<Path> file;
    private final String realm;

    /**
     * Finds the configured realm among those registered now. A realm registered later (the database realm, once the
     * platform's tables are migrated) makes the component anew, as the references are greedy; until then this
     * directory is not {@link #ready()}.
     */
    @Activate
    public KarafUserDirectory(
            @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE, policyOption = ReferencePolicyOption.GREEDY)
            List<JaasRealm> realms,
            @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE, policyOption = ReferencePolicyOption.GREEDY)
            List<BackingEngineFactory> factories,
            ApiConfig config) {
        this.realm = config.realm();
        Optional<AppConfigurationEntry> entry = realms.stream().filter(r -> realm.equals(r.getName()))
                .flatMap(r -> java.util.Arrays.stream(r.getEntries()))
                .filter(e -> factories.stream().anyMatch(f -> f.getModuleClass().equals(e.getOptions().get(MODULE_OPTION))))
                .findFirst();
        this.options = entry.<Map<String, ?>>map(AppConfigurationEntry::getOptions).orElse(Map.of());
        this.factory = entry.flatMap(e -> factories.stream()
                .filter(f -> f.getModuleClass().equals(options.get(MODULE_OPTION))).findFirst());
        this.file = Optional.ofNullable(options.get("users")).map(Object::toString).map(Path::of);
        if (entry.isEmpty()) {
            LOG.info("JAAS realm {} has no login module whose users can be edited (yet): looked in {} realms", realm,
                    realms.size());
        }
        synchronized (LOCK) {
            ownerOnly();
        }
    }

    @Override
    public boolean ready() {
        return factory.isPresent();
    }

    /**
     * The realm's backing engine as the users file is now: an engine keeps the file's content from when it was built
     * and writes all of it back on each change, so one kept across calls would undo what others wrote since.
     */
    private BackingEngine engine() {
        return engine(options);
    }

    private BackingEngine engine(Map<String, ?> options) {
        return factory.orElseThrow(() -> new IllegalStateException("JAAS realm " + realm
                + " has no login module whose users can be edited")).build(options);
    }

    @Override
    public Set<String> names() {
        synchronized (LOCK) {
            return engine().listUsers().stream().map(UserPrincipal::getName).collect(Collectors.toSet());
        }
    }

    /** The user's roles, groups' included, as the engine lists them (none for a user it does not know). */
    @Override
    public Optional<org.gigaplan.plan.security.Caller> caller(String name) {
        List<? extends java.security.Principal> roles;
        synchronized (LOCK) {
            try {
                roles = engine().listRoles(new UserPrincipal(name));
            } catch (RuntimeException unknown) {
                // The properties engine fails on a name it does not hold.
                return Optional.empty();
            }
        }
        return roles == null ? Optional.empty()
                : Logins.caller(name, roles.stream().map(java.security.Principal::getName).collect(Collectors.toSet()));
    }

    @Override
    public void add(String name, String password, List<String> roles) {
        edit(engine -> {
            engine.addUser(name, password);
            for (String role : roles) {
                if (role.startsWith(GROUP_ROLE_PREFIX)) {
                    engine.addGroup(name, role.substring(GROUP_ROLE_PREFIX.length()));
                } else {
                    engine.addRole(name, role);
                }
            }
        });
    }

    @Override
    public void remove(String name) {
        edit(engine -> engine.deleteUser(name));
    }

    /**
     * Changes the users through an engine on a copy of the users file, then puts the copy in its place in one atomic
     * move. The engine rewrites its file in place at each step, and Karaf's own watcher of the file (which encrypts
     * passwords written in clear) reads it on every change: reading a half-written file, it once took the tail of a
     * line for a user without a password and saved what it had read, losing the users added after it. Readers now
     * only ever see a whole file.
     */
    private void edit(java.util.function.Consumer<BackingEngine> change) {
        synchronized (LOCK) {
            if (file.isEmpty() || !Files.exists(file.get())) {
                change.accept(engine());
                ownerOnly();
                return;
            }
            Path target = file.get();
            Path copy = null;
            try {
                copy = Files.createTempFile(target.getParent(), ".users-", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(copy, Files.readAllBytes(target));
                java.util.Map<String, Object> onCopy = new java.util.HashMap<>(options);
                onCopy.put("users", copy.toString());
                change.accept(engine(onCopy));
                Files.move(copy, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                copy = null;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("could not change the users in " + target, e);
            } finally {
                if (copy != null) {
                    try {
                        Files.deleteIfExists(copy);
                    } catch (IOException ignored) {
                        // A stray copy holds nothing the users file does not.
                    }
                }
            }
            ownerOnly();
        }
    }

    private void ownerOnly() {
        file.ifPresent(KarafUserDirectory::ownerOnly);
    }

    /** A users file is readable by the account Karaf runs as only (0600); nothing when there is none. */
    static void ownerOnly(Path users) {
        if (!Files.exists(users)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.warn("Could not make {} readable by its owner only: {}", users, e.toString());
        }
    }
}
