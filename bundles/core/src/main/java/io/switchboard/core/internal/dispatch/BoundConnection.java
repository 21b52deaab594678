package io.switchboard.core.internal.dispatch;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLFeatureNotSupportedException;
import java.util.function.Supplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A {@link DataSource} that lends the connection of a transaction already open on the calling thread, so that a library
 * writing through a {@code DataSource} (db-scheduler's client) joins that transaction: its {@code close} is ignored,
 * and as the connection's auto-commit is off, the library neither commits nor rolls back (the owner of the transaction
 * does).
 */
final class BoundConnection implements DataSource {

    private final ThreadLocal<Connection> bound = new ThreadLocal<>();

    /** Runs {@code work} with {@code connection} lent to whoever asks this data source on this thread. */
    <T> T with(Connection connection, Supplier<T> work) {
        Connection previous = bound.get();
        bound.set(connection);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                bound.remove();
            } else {
                bound.set(previous);
            }
        }
    }

    @Override
    public Connection getConnection() {
        Connection connection = bound.get();
        if (connection == null) {
            throw new IllegalStateException("No transaction is open on this thread to lend a connection from");
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null; // the transaction's owner closes it
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // no logging of its own
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // lends an open connection: nothing to time out
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
