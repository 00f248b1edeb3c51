package org.gigaplan.platform.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;


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

/** Applies a bundle's versioned Liquibase changelog to the database, once per changeset. */
public final class Migrations {

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
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Map<String, Object> scope = Map.of(
                    Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(owner),
                    // Liquibase finds its services through this loader; in OSGi only its own bundle's sees
                    // every one (SPI Fly advertises most, not all, of them).
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
        } catch (SQLException e) {
            throw new org.gigaplan.plan.service.Database.StoreException(e.getMessage(), e);
        } catch (Exception e) {
            throw new org.gigaplan.plan.service.Database.StoreException("migration " + changelog + " failed: " + e.getMessage(), e);
        }
    }
}
