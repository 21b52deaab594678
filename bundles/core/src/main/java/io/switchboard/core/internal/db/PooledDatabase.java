package io.switchboard.core.internal.db;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/** {@link Database} over a pooled {@link DataSource}; the transaction boundary of every repository. */
public class PooledDatabase implements Database {

    private final DataSource dataSource;

    public PooledDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public <T> T inTransaction(String what, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessException(what, e);
        }
    }

    @Override
    public <T> T withConnection(String what, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DataAccessException(what, e);
        }
    }
}
