package org.gigaplan.platform.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.properties.PropertiesBackingEngineFactory;
import org.gigaplan.platform.internal.rest.ApiConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users file as Karaf's realm and its watcher read it while the platform adds and removes users. */
class KarafUserDirectoryTest {

    @Test
    void whoeverReadsTheUsersFileSeesOnlyWholeChanges(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users.properties");
        Files.writeString(users, "# users\n_g_\\:admingroup = group,admin\n");
        KarafUserDirectory directory = new KarafUserDirectory(List.of(realm(users)),
                List.of(new PropertiesBackingEngineFactory()), fileRealm());
        // Karaf reads the file at each login, and its encryption watcher at each change of it: a reader that found
        // a user without its role, a line cut short, or fewer users than it saw before read a half-written file.
        AtomicBoolean done = new AtomicBoolean();
        List<String> torn = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            int most = 0;
            while (!done.get()) {
                Properties read = new Properties();
                try (InputStream in = Files.newInputStream(users)) {
                    read.load(in);
                } catch (IOException e) {
                    torn.add(e.toString());
                    continue;
                }
                int count = 0;
                for (Map.Entry<Object, Object> e : read.entrySet()) {
                    String name = e.getKey().toString();
                    if (name.startsWith("_g_")) {
                        continue;
                    }
                    count++;
                    if (!e.getValue().toString().equals("pw-" + name + ",teacher@S-E01/" + name)) {
                        torn.add(name + " = " + e.getValue());
                    }
                }
                if (count < most) {
                    torn.add(count + " users after " + most);
                }
                most = Math.max(most, count);
            }
        });
        reader.start();
        for (int i = 0; i < 150; i++) {
            String name = "T" + i;
            directory.add(name, "pw-" + name, List.of("teacher@S-E01/" + name));
        }
        done.set(true);
        reader.join();
        assertEquals(List.of(), torn.stream().limit(5).toList());
        assertEquals(150, directory.names().size());
        directory.remove("T7");
        assertEquals(149, directory.names().size());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(users)));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(users), left.toList(), "no copy left behind");
        }
    }

    @Test
    void aRealmNotRegisteredYetIsNotReadyAndSaysSoWhenUsed(@TempDir Path dir) throws Exception {
        Path users = Files.writeString(dir.resolve("users.properties"), "# users\n");
        KarafUserDirectory early = new KarafUserDirectory(List.of(realm(users)),
                List.of(new PropertiesBackingEngineFactory()), defaults());
        assertEquals(false, early.ready(), "realm gigaplan is not there yet: only karaf's");
        IllegalStateException used = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                early::names);
        org.junit.jupiter.api.Assertions.assertTrue(used.getMessage().contains("gigaplan"), used::getMessage);
        assertEquals(true, new KarafUserDirectory(List.of(realm(users)), List.of(new PropertiesBackingEngineFactory()),
                fileRealm()).ready());
    }

    private static JaasRealm realm(Path users) {
        AppConfigurationEntry entry = new AppConfigurationEntry(
                "org.apache.karaf.jaas.modules.properties.PropertiesLoginModule",
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                Map.of("org.apache.karaf.jaas.module", "org.apache.karaf.jaas.modules.properties.PropertiesLoginModule",
                        "users", users.toString()));
        return new JaasRealm() {
            @Override
            public String getName() {
                return "karaf";
            }

            @Override
            public int getRank() {
                return 0;
            }

            @Override
            public AppConfigurationEntry[] getEntries() {
                return new AppConfigurationEntry[] { entry };
            }
        };
    }

    /** The API configuration at its defaults, with the realm named {@code karaf} (the users file). */
    private static ApiConfig fileRealm() {
        return (ApiConfig) Proxy.newProxyInstance(ApiConfig.class.getClassLoader(), new Class<?>[] { ApiConfig.class },
                (proxy, method, args) -> method.getName().equals("annotationType") ? ApiConfig.class
                        : method.getName().equals("realm") ? "karaf" : method.getDefaultValue());
    }

    /** The API configuration at its defaults: the database realm. */
    private static ApiConfig defaults() {
        return (ApiConfig) Proxy.newProxyInstance(ApiConfig.class.getClassLoader(), new Class<?>[] { ApiConfig.class },
                (proxy, method, args) -> method.getName().equals("annotationType") ? ApiConfig.class
                        : method.getDefaultValue());
    }
}
