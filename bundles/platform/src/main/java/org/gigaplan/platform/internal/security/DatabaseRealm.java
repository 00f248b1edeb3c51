package org.gigaplan.platform.internal.security;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.encryption.EncryptionSupport;
import org.apache.karaf.jaas.modules.jdbc.JDBCLoginModule;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JAAS realm {@value #NAME}: the people who log in to /api (board, school staff, teachers, learners), kept in the
 * platform's database ({@code gp_user}, {@code gp_user_role}) so every node behind a load balancer knows the same
 * users and passwords. Karaf's own JDBC login module checks them and its JDBC backing engine edits them, so the
 * console's {@code jaas:*} commands work on this realm as on Karaf's, and passwords are stored as
 * {@code etc/org.apache.karaf.jaas.cfg} says (bcrypt). Registered only inside Karaf (the JAAS packages are optional
 * imports) and only once the platform's tables are migrated.
 * <p>
 * On a database without users, the users of this node's {@code etc/users.properties} are copied in, with their
 * stored password and roles (one node does it: the table is locked meanwhile). Karaf's groups are not: they give
 * console access, which stays with the file (the console's realm). The file itself is left as it is.
 */
@Component(service = JaasRealm.class, configurationPid = DatabaseRealm.KARAF_JAAS_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = DatabaseRealm.PROPERTY + "=" + DatabaseRealm.NAME)
public class DatabaseRealm implements JaasRealm {

    public static final String NAME = "gigaplan";
    /** The service property naming this realm (Karaf's realms have none). */
    static final String PROPERTY = "org.gigaplan.realm";
    /** Karaf's JAAS settings (etc/org.apache.karaf.jaas.cfg): how passwords are encrypted, read by both realms. */
    static final String KARAF_JAAS_PID = "org.apache.karaf.jaas";

    /** The statements Karaf's JDBC login module and backing engine run, on this realm's tables. */
    static final Map<String, String> STATEMENTS = Map.of(
            "query.password", "SELECT password FROM gp_user WHERE username = ?",
            "query.role", "SELECT role FROM gp_user_role WHERE username = ?",
            "query.user", "SELECT username FROM gp_user ORDER BY username",
            "insert.user", "INSERT INTO gp_user (username, password) VALUES (?, ?)",
            "insert.role", "INSERT INTO gp_user_role (username, role) VALUES (?, ?)",
            "delete.role", "DELETE FROM gp_user_role WHERE username = ? AND role = ?",
            "delete.roles", "DELETE FROM gp_user_role WHERE username = ?",
            "delete.user", "DELETE FROM gp_user WHERE username = ?");

    /** How Karaf names a group in a users file: its definition's key, and a member's role. */
    private static final String GROUP = "_g_:";

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRealm.class);

    private final AppConfigurationEntry[] entries;

    /**
     * @param jaasSettings Karaf's JAAS settings (etc/org.apache.karaf.jaas.cfg), required: without them (outside
     *                     Karaf) there is no realm
     */
    @Activate
    public DatabaseRealm(BundleContext context, @Reference PlatformDatabase database, Map<String, Object> jaasSettings) {
        Map<String, Object> options = new HashMap<>(STATEMENTS);
        jaasSettings.forEach((key, value) -> {
            if (key.startsWith("encryption.")) {
                options.put(key, value.toString());
            }
        });
        options.put(BundleContext.class.getName(), context);
        options.put("datasource", "osgi:" + javax.sql.DataSource.class.getName() + "/" + database.dataSourceFilter());
        options.put(ProxyLoginModule.PROPERTY_MODULE, JDBCLoginModule.class.getName());
        options.put(ProxyLoginModule.PROPERTY_BUNDLE,
                Long.toString(FrameworkUtil.getBundle(JDBCLoginModule.class).getBundleId()));
        this.entries = new AppConfigurationEntry[] { new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                LoginModuleControlFlag.REQUIRED, Map.copyOf(options)) };
        // Karaf's own users file: the console's users, and where this realm's first users may come from.
        Path file = Path.of(System.getProperty("karaf.etc", "etc"), "users.properties");
        KarafUserDirectory.ownerOnly(file);
        // As the realm stores a password: encrypted unless it already is (or encryption is off).
        copyFromFile(database, file, new EncryptionSupport(options)::encrypt);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getRank() {
        return 0;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        return entries.clone();
    }

    /**
     * Copies the users of a Karaf users file into an empty {@code gp_user}, with their roles but not their groups;
     * each password is stored as {@code stored} makes it. Nothing when the table has users.
     *
     * @return the names copied
     */
    static List<String> copyFromFile(Database database, Path file, java.util.function.UnaryOperator<String> stored) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Map<String, List<String>> users = read(file);
        List<String> copied = database.transaction(c -> {
            try (Statement lock = c.createStatement()) {
                lock.execute("LOCK TABLE gp_user IN EXCLUSIVE MODE");
            }
            if (Jdbc.first(c, "SELECT COUNT(*) FROM gp_user", r -> r.getInt(1)).orElse(0) > 0) {
                return List.of();
            }
            return insert(c, users, stored);
        });
        if (!copied.isEmpty()) {
            LOG.warn("Copied {} users of {} into the database, realm {} (the file keeps the console's users): {}",
                    copied.size(), file, NAME, copied);
        }
        return copied;
    }

    private static List<String> insert(Connection c, Map<String, List<String>> users,
            java.util.function.UnaryOperator<String> storedAs) throws SQLException {
        List<String> copied = new java.util.ArrayList<>();
        for (Map.Entry<String, List<String>> user : users.entrySet()) {
            List<String> fields = user.getValue();
            Set<String> roles = fields.stream().skip(1).filter(role -> !role.isEmpty() && !role.startsWith(GROUP))
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
            String password = fields.isEmpty() ? "" : fields.get(0);
            if (password.isEmpty()) {
                continue;
            }
            String stored = storedAs.apply(password);
            Jdbc.update(c, STATEMENTS.get("insert.user"), user.getKey(), stored);
            for (String role : roles) {
                Jdbc.update(c, STATEMENTS.get("insert.role"), user.getKey(), role);
            }
            copied.add(user.getKey());
        }
        return copied;
    }

    /** A users file's entries by user name: the password, then roles and groups; Karaf's group lines left out. */
    static Map<String, List<String>> read(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            properties.load(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not read " + file, e);
        }
        Map<String, List<String>> users = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().filter(name -> !name.startsWith(GROUP))
                .forEach(name -> users.put(name, Arrays.stream(properties.getProperty(name).split(","))
                        .map(String::trim).toList()));
        return users;
    }
}
