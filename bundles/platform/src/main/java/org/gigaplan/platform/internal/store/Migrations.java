package org.gigaplan.platform.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.lockservice.LockServiceFactory;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import liquibase.UpdateSummaryOutputEnum;

/**
 * Applies a bundle's versioned Liquibase changelog to the database, once per changeset. A changelog whose content is
 * the same as when it was last applied in full (its SHA-256 in {@code gp_migrated}) is not handed to Liquibase at all:
 * reading every changelog and the change log table took seconds of each start when nothing had changed.
 */
public final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    private static boolean isEmbeddedDerby(Connection connection) throws SQLException {
        String url = connection.getMetaData().getURL();
        return url != null && url.startsWith("jdbc:derby:") && !url.startsWith("jdbc:derby://");
    }

    /**
     * Brings the schema up to the changelog's last changeset.
     *
     * @param changelog path of the changelog inside the owner's class loader
     * @param owner     class loader that sees the changelog (the owning bundle's)
     */
    // One migration at a time in this JVM: the platform's and each module's run as their bundles start, and
    // releasing a stale embedded-Derby lock is safe only when no other migration here holds it.
    public static synchronized void apply(DataSource dataSource, String changelog, ClassLoader owner) {
        applyBesideOtherNodes(dataSource, changelog, owner);
    }

    /** {@link #apply} without this JVM's turn: what another node (another JVM) migrating at the same time does. */
    static void applyBesideOtherNodes(DataSource dataSource, String changelog, ClassLoader owner) {
        try (Connection connection = dataSource.getConnection()) {
            apply(connection, changelog, owner);
        } catch (SQLException e) {
            throw new org.gigaplan.plan.service.Database.StoreException(e.getMessage(), e);
        }
    }

    /** {@link #apply} on a connection of the caller's (left open), without this JVM's turn. */
    static void apply(Connection connection, String changelog, ClassLoader owner) {
        String content = sha256(owner, changelog);
        try {
            boolean postgres = connection.getMetaData().getDatabaseProductName().contains("PostgreSQL");
            if (postgres) {
                // Nodes starting together on one server: Liquibase's own lock leaves a moment in which two of them
                // both create its change log table. A session lock of the server's, taken first, makes them migrate
                // one after the other; the server drops it with the connection if this node dies.
                advisoryLock(connection, "pg_advisory_lock");
            }
            try {
                migrate(connection, changelog, owner, content);
            } finally {
                if (postgres) {
                    advisoryLock(connection, "pg_advisory_unlock");
                }
            }
        } catch (SQLException e) {
            throw new org.gigaplan.plan.service.Database.StoreException(e.getMessage(), e);
        }
    }

    /** The key of the server's session lock every node takes while it migrates: "GIGAPLAN" in ASCII. */
    private static final long MIGRATION_LOCK_KEY = 0x4749474150_4C414EL;

    private static void advisoryLock(Connection connection, String function) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (java.sql.PreparedStatement s = connection.prepareStatement("SELECT " + function + "(?)")) {
            s.setLong(1, MIGRATION_LOCK_KEY);
            s.executeQuery().close();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void migrate(Connection connection, String changelog, ClassLoader owner, String content) {
        try {
            if (content != null && content.equals(applied(connection, changelog))) {
                return;
            }
            long started = System.nanoTime();
            // Liquibase looks its services up with ServiceLoader, first through the thread's context class loader
            // (before any scope of ours exists): in OSGi only its own bundle's loader sees them all. Set here, no
            // OSGi Service Loader Mediator (SPI Fly) needs to run for it: see the gigaplan-libs feature.
            Thread thread = Thread.currentThread();
            ClassLoader context = thread.getContextClassLoader();
            thread.setContextClassLoader(Scope.class.getClassLoader());
            try {
                update(connection, changelog, owner);
            } finally {
                thread.setContextClassLoader(context);
            }
            if (content != null) {
                remember(connection, changelog, content);
            }
            LOG.info("Schema of {} brought up to date in {} ms (Liquibase)", changelog,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException e) {
            throw new org.gigaplan.plan.service.Database.StoreException(e.getMessage(), e);
        } catch (Exception e) {
            throw new org.gigaplan.plan.service.Database.StoreException("migration " + changelog + " failed: " + e.getMessage(), e);
        }
    }

    /** Applies the changelog through Liquibase on the caller's connection, and commits. */
    private static void update(Connection connection, String changelog, ClassLoader owner) throws Exception {
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        Map<String, Object> scope = Map.of(
                Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(owner),
                // Liquibase finds its services through this loader too, once in a scope.
                Scope.Attr.classLoader.name(), Scope.class.getClassLoader(),
                // Never reach out to the vendor's analytics: the platform must work offline.
                "liquibase.analytics.enabled", Boolean.FALSE,
                "liquibase.showBanner", Boolean.FALSE,
                // Progress to the log, not to the operator's console.
                Scope.Attr.ui.name(), new LoggerUIService());
        boolean embeddedDerby = isEmbeddedDerby(connection);
        Scope.child(scope, () -> {
            if (embeddedDerby) {
                // Only this JVM can open an embedded Derby database, so a migration lock found set was left by
                // a process killed mid-migration; waiting for it would only fail five minutes later.
                LockServiceFactory.getInstance().getLockService(database).forceReleaseLock();
            }
            new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                    .execute();
        });
        // Liquibase turns auto-commit off and, when there is nothing to apply, leaves its lock-table
        // read open; Derby refuses to close a connection inside a transaction.
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /** Liquibase's migration lock as it stands: set or not, by which host, since when (null when free). */
    public record Lock(boolean locked, String by, java.time.Instant since) {
    }

    /** The migration lock as it stands; free on a database no migration ran on yet. */
    public static Lock lock(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); java.sql.PreparedStatement s = c.prepareStatement(
                "SELECT locked, lockedby, lockgranted FROM databasechangeloglock WHERE id = 1");
                java.sql.ResultSet r = s.executeQuery()) {
            if (!r.next() || !r.getBoolean(1)) {
                return new Lock(false, null, null);
            }
            java.sql.Timestamp since = r.getTimestamp(3);
            return new Lock(true, r.getString(2), since == null ? null : since.toInstant());
        } catch (SQLException e) {
            throw new org.gigaplan.plan.service.Database.StoreException(e.getMessage(), e);
        }
    }

    /**
     * Releases a migration lock left set by a node that died migrating (on PostgreSQL, where Liquibase's lock is a row
     * every node waits on; embedded Derby's is released at each start). Only a lock set more than {@code olderThan}
     * ago is released, and only while no migration runs in this JVM (this waits for one to end): a node starting now
     * holds its lock for seconds, a dead one's stays.
     *
     * @return the lock as it was, and whether it was released
     */
    public static synchronized java.util.Map.Entry<Lock, Boolean> releaseStaleLock(DataSource dataSource,
            java.time.Duration olderThan) {
        Lock before = lock(dataSource);
        if (!before.locked()) {
            return java.util.Map.entry(before, false);
        }
        try (Connection c = dataSource.getConnection(); java.sql.PreparedStatement s = c.prepareStatement(
                "UPDATE databasechangeloglock SET locked = ?, lockedby = NULL, lockgranted = NULL "
                        + "WHERE id = 1 AND locked = ? AND (lockgranted IS NULL OR lockgranted <= ?)")) {
            s.setBoolean(1, false);
            s.setBoolean(2, true);
            s.setTimestamp(3, java.sql.Timestamp.from(java.time.Instant.now().minus(olderThan)));
            boolean released = s.executeUpdate() == 1;
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return java.util.Map.entry(before, released);
        } catch (SQLException e) {
            throw new org.gigaplan.plan.service.Database.StoreException(e.getMessage(), e);
        }
    }

    /** The SHA-256 of the changelog's bytes, in hex; null when the loader does not find it (Liquibase will say so). */
    static String sha256(ClassLoader owner, String changelog) {
        try (java.io.InputStream in = owner.getResourceAsStream(changelog)) {
            if (in == null) {
                return null;
            }
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(in.readAllBytes()));
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** The content last applied in full, or null: none yet, or no record table (a database the platform never met). */
    private static String applied(Connection connection, String changelog) {
        try (java.sql.PreparedStatement s = connection.prepareStatement(
                "SELECT sha256 FROM gp_migrated WHERE changelog = ?")) {
            s.setString(1, changelog);
            try (java.sql.ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException noTableYet) {
            rollbackQuietly(connection);
            return null;
        }
    }

    /** Records the content just applied in full; another node recording it at once is as good. */
    private static void remember(Connection connection, String changelog, String content) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (java.sql.PreparedStatement update = connection.prepareStatement(
                "UPDATE gp_migrated SET sha256 = ?, applied_at = ? WHERE changelog = ?")) {
            java.sql.Timestamp now = java.sql.Timestamp.from(java.time.Instant.now());
            update.setString(1, content);
            update.setTimestamp(2, now);
            update.setString(3, changelog);
            if (update.executeUpdate() == 0) {
                try (java.sql.PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO gp_migrated (changelog, sha256, applied_at) VALUES (?, ?, ?)")) {
                    insert.setString(1, changelog);
                    insert.setString(2, content);
                    insert.setTimestamp(3, now);
                    insert.executeUpdate();
                } catch (SQLException e) {
                    if (!org.gigaplan.plan.service.Database.isDuplicateKey(e)) {
                        throw e;
                    }
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // The connection goes back to the pool, which resets it.
        }
    }
}
