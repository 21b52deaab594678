package io.switchboard.core.internal.db;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of JDBC work run on a connection handed out by the {@link Database}. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
