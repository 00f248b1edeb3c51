package org.gigaplan.platform.internal.store;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.gigaplan.plan.service.Database;

/** Runs units of JDBC work on a DataSource, each in one transaction: all of it commits or none does. */
public final class Sql implements Database {

    private final DataSource dataSource;

    public Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void migrate(String changelog, ClassLoader owner) {
        Migrations.apply(dataSource, changelog, owner);
    }

    @Override
    public <T> T transaction(Database.Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new Database.StoreException(e.getMessage(), e);
        }
    }
}
