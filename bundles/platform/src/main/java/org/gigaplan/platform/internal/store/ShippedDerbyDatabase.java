package org.gigaplan.platform.internal.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * Makes the embedded Derby database the distribution ships in {@code data/derby/gigaplan}: the platform's and the
 * modules' tables with only what their changelogs themselves insert (no school, no plan, no user), each changelog
 * recorded as applied in full, so that a first start finds nothing to migrate and never loads Liquibase (3–4 s of
 * the first start, and about 1,100 classes, some 25 MB resident, that would stay loaded). A database without it (a
 * wiped {@code data/}, PostgreSQL, a module added later, a changelog changed by an upgrade) is migrated at start as
 * before. Run by the distribution's build, on a class path holding the bundles, Liquibase and Derby:
 * <pre>java … ShippedDerbyDatabase &lt;database folder&gt; db/platform/changelog.xml db/usage/changelog.xml …</pre>
 */
public final class ShippedDerbyDatabase {

    /** Liquibase's own log (each changeset, through java.util.logging): held here so the level set stays. */
    private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

    private ShippedDerbyDatabase() {
    }

    public static void main(String[] args) throws SQLException {
        if (args.length < 2) {
            System.err.println("usage: ShippedDerbyDatabase <database folder> <changelog>...");
            System.exit(2);
        }
        LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
        make(Path.of(args[0]), List.of(args).subList(1, args.length), ShippedDerbyDatabase.class.getClassLoader());
        System.out.println("Derby database with " + (args.length - 1) + " changelogs applied: " + args[0]);
    }

    /**
     * Creates the database in {@code folder} (which must not exist yet), applies the changelogs found by
     * {@code owner} in order, and shuts the database down cleanly so its files can be packed.
     */
    static void make(Path folder, List<String> changelogs, ClassLoader owner) throws SQLException {
        if (Files.exists(folder)) {
            throw new IllegalStateException(folder + " exists: the shipped database is made from nothing");
        }
        String url = "jdbc:derby:" + folder.toAbsolutePath();
        try (Connection connection = DriverManager.getConnection(url + ";create=true")) {
            for (String changelog : changelogs) {
                if (Migrations.sha256(owner, changelog) == null) {
                    throw new IllegalArgumentException("no changelog " + changelog + " on the class path");
                }
                Migrations.apply(connection, changelog, owner);
            }
        }
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException e) {
            // Derby answers a clean shutdown of one database with this state.
            if (!"08006".equals(e.getSQLState())) {
                throw e;
            }
        }
    }
}
