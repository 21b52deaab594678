package io.switchboard.core.internal.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The PostgreSQL the database tests run on: {@code SWITCHBOARD_TEST_POSTGRES_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}), {@code SWITCHBOARD_TEST_POSTGRES_USER} (default {@code postgres})
 * and {@code SWITCHBOARD_TEST_POSTGRES_PASSWORD} (default empty); .ci/run starts a private one and sets them.
 */
public record PostgresServer(String url, String user, String password) {

    public static PostgresServer configured() {
        return new PostgresServer(setting("SWITCHBOARD_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                setting("SWITCHBOARD_TEST_POSTGRES_USER", "postgres"), setting("SWITCHBOARD_TEST_POSTGRES_PASSWORD", ""));
    }

    /** Why the server cannot be used, or empty when a connection works. */
    public Optional<String> unreachable() {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            return c.isValid(5) ? Optional.empty() : Optional.of("the connection is not valid");
        } catch (SQLException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
