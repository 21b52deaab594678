package io.switchboard.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The itests' PostgreSQL: in the build's {@code postgresql} failsafe run (system property {@value #MODE}) selected
 * tests boot on a PostgreSQL schema of their own instead of the embedded H2. The server is
 * {@code SWITCHBOARD_TEST_POSTGRES_URL}/{@code _USER}/{@code _PASSWORD} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres},
 * {@code postgres}, no password; .ci/run starts one). Unreachable: the tests are skipped with a warning, or fail under
 * {@code CI=true}.
 */
public final class TestPostgres {

    /** System property of the failsafe run: {@code postgresql} or absent. */
    public static final String MODE = "switchboard.itest.database";

    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private TestPostgres() {
    }

    public static boolean enabled() {
        return "postgresql".equals(System.getProperty(MODE));
    }

    public static String url() {
        return setting("SWITCHBOARD_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    public static String user() {
        return setting("SWITCHBOARD_TEST_POSTGRES_USER", "postgres");
    }

    public static String password() {
        return setting("SWITCHBOARD_TEST_POSTGRES_PASSWORD", "");
    }

    /** Why the tests cannot run on PostgreSQL (and a warning, once), or empty; under CI=true an unreachable one is an error. */
    public static Optional<String> skipReason() {
        if (!enabled()) {
            return Optional.empty();
        }
        try (Connection c = DriverManager.getConnection(url(), user(), password())) {
            if (!c.isValid(5)) {
                throw new SQLException("the connection is not valid");
            }
            return Optional.empty();
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at " + url() + " (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + "; under CI=true the PostgreSQL itests must run", e);
            }
            if (WARNED.compareAndSet(false, true)) {
                System.err.println("[WARNING] " + message + ": the PostgreSQL integration tests are SKIPPED");
            }
            return Optional.of(message);
        }
    }

    /** A fresh schema and the JDBC URL that uses it. */
    public static String newSchemaUrl() {
        String schema = "it_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(url(), user(), password()); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create schema " + schema + " on " + url(), e);
        }
        return url() + (url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The core's database configuration as an {@code etc/io.switchboard.core.db.cfg} file's text. */
    public static String coreDbCfg(String schemaUrl) {
        return "url = " + schemaUrl + "\nuser = " + user() + "\npassword = " + password()
                + "\ndataSourceFactory.target = (osgi.jdbc.driver.class=org.postgresql.Driver)\n";
    }

    /**
     * Writes the core's database configuration where Felix ConfigAdmin keeps what it persisted (felix.cm.dir =
     * data/config), so the core finds it the first time it asks, before any component runs on the embedded default.
     */
    public static void writePersistedCoreDbConfiguration(Path data, String schemaUrl) throws IOException {
        Path file = data.resolve("config/io/switchboard/core/db.config");
        Files.createDirectories(file.getParent());
        String text = "service.pid=\"io.switchboard.core.db\"\nservice.bundleLocation=\"?\"\n"
                + "url=\"" + escape(schemaUrl) + "\"\n"
                + "user=\"" + escape(user()) + "\"\n"
                + "password=\"" + escape(password()) + "\"\n"
                + "dataSourceFactory.target=\"" + escape("(osgi.jdbc.driver.class=org.postgresql.Driver)") + "\"\n";
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char ch : value.toCharArray()) {
            if (ch == '"' || ch == '\\' || ch == '=') {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
