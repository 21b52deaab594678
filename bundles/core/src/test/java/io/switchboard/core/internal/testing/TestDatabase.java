package io.switchboard.core.internal.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

import org.h2.util.OsgiDataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;

import io.switchboard.core.internal.db.JdbcDatabase;

/**
 * The real {@link JdbcDatabase} over the database the test run is for: H2 (through H2's own OSGi DataSourceFactory)
 * by default, PostgreSQL when the system property {@value #MODE} is {@code postgresql} (the build's second test run of
 * the classes marked {@link DatabaseTest}). On PostgreSQL every database a test opens is a schema of its own.
 */
public final class TestDatabase {

    /** System property choosing the database: {@code h2} (default) or {@code postgresql}. */
    public static final String MODE = "switchboard.test.database";

    private TestDatabase() {
    }

    /** Whether this run's database tests run on PostgreSQL. */
    public static boolean postgres() {
        return "postgresql".equals(System.getProperty(MODE, "h2").toLowerCase(Locale.ROOT));
    }

    /** A fresh, empty database. */
    public static JdbcDatabase inMemory() {
        if (postgres()) {
            return inSchema("t_" + UUID.randomUUID().toString().replace("-", ""));
        }
        return new JdbcDatabase(new OsgiDataSourceFactory(new org.h2.Driver()),
                TestConfigs.config(JdbcDatabase.Config.class, "url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"),
                Path.of("unused"));
    }

    /**
     * The database that survives restarts: H2's default embedded file database under the data folder; on PostgreSQL a
     * schema named after the folder, so that opening it again for the same folder finds what was stored.
     */
    public static JdbcDatabase inDataFolder(Path dataFolder) {
        if (postgres()) {
            byte[] name = dataFolder.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8);
            return inSchema("f_" + HexFormat.of().formatHex(java.util.Arrays.copyOf(sha256(name), 12)));
        }
        return new JdbcDatabase(new OsgiDataSourceFactory(new org.h2.Driver()), TestConfigs.config(JdbcDatabase.Config.class), dataFolder);
    }

    private static JdbcDatabase inSchema(String schema) {
        PostgresServer server = PostgresServer.configured();
        try (Connection c = DriverManager.getConnection(server.url(), server.user(), server.password()); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create schema " + schema + " on " + server.url() + ": " + e.getMessage(), e);
        }
        String url = server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new JdbcDatabase(new PGDataSourceFactory(), TestConfigs.config(JdbcDatabase.Config.class, "url", url,
                "user", server.user(), "password", server.password(), "poolSize", 5), Path.of("unused"));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
