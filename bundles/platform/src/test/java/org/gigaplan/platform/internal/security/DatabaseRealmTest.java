package org.gigaplan.platform.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.platform.internal.store.PlatformTables;
import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The database realm's users come from a node's users file once: on a database without users, with their roles but
 * not Karaf's groups, passwords as stored; nodes starting together copy them once.
 */
class DatabaseRealmTest {

    private static final String FILE = """
            # users
            _g_\\:admingroup = group,admin,manager
            karaf = {CRYPT}aa{CRYPT}, _g_:admingroup
            sato = {CRYPT}bb{CRYPT}, board, _g_:admingroup
            suzuki = {CRYPT}cc{CRYPT}, school@S-E01
            tanaka = clear, teacher@S-E01/T01, viewer
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = { "derby", "postgres" })
    void copiesTheFilesGigaPlanUsersIntoAnEmptyTableOnce(String engine) throws Exception {
        PlatformDatabase database = database(engine);
        Path file = Files.writeString(dir.resolve("users.properties"), FILE, StandardCharsets.ISO_8859_1);

        assertEquals(List.of("karaf", "sato", "suzuki", "tanaka"),
                DatabaseRealm.copyFromFile(database, file, p -> p.startsWith("{CRYPT}") ? p : "{CRYPT}x" + p + "{CRYPT}"));
        assertEquals(List.of("karaf={CRYPT}aa{CRYPT}", "sato={CRYPT}bb{CRYPT}", "suzuki={CRYPT}cc{CRYPT}",
                "tanaka={CRYPT}xclear{CRYPT}"),
                rows(database, "SELECT username || '=' || password FROM gp_user ORDER BY username"));
        assertEquals(List.of("sato=board", "suzuki=school@S-E01", "tanaka=teacher@S-E01/T01", "tanaka=viewer"),
                rows(database, "SELECT username || '=' || role FROM gp_user_role ORDER BY username, role"),
                "their roles; Karaf's groups (console access) stay in the file");

        Files.writeString(file, "yamada = {CRYPT}dd{CRYPT}, board\n", StandardCharsets.ISO_8859_1);
        assertEquals(List.of(), DatabaseRealm.copyFromFile(database, file, p -> p), "the table has users: kept");
        assertEquals(4, rows(database, "SELECT username FROM gp_user").size());
    }

    @ParameterizedTest
    @ValueSource(strings = { "derby", "postgres" })
    void nodesStartingTogetherCopyOnce(String engine) throws Exception {
        PlatformDatabase database = database(engine);
        Path file = Files.writeString(dir.resolve("users.properties"), FILE, StandardCharsets.ISO_8859_1);
        ExecutorService nodes = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> copies = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<List<String>> copy = () -> DatabaseRealm.copyFromFile(database, file, p -> p);
                copies.add(nodes.submit(copy));
            }
            int copied = 0;
            for (Future<List<String>> copy : copies) {
                copied += copy.get().size();
            }
            assertEquals(4, copied, "one node copied the four users, the others found them there");
        } finally {
            nodes.shutdownNow();
        }
        assertEquals(4, rows(database, "SELECT username FROM gp_user").size());
    }

    private static PlatformDatabase database(String engine) {
        TestDatabase test = TestDatabase.of(engine, "realm");
        PlatformDatabase database = new PlatformDatabase(test.dataSource());
        test.clear(PlatformTables.ALL);
        return database;
    }

    private static List<String> rows(PlatformDatabase database, String query) {
        return database.transaction(c -> Jdbc.list(c, query, r -> r.getString(1)));
    }
}
