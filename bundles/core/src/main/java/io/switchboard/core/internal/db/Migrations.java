package io.switchboard.core.internal.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and migrates the schema from the versioned scripts {@code /db/migration/V<n>__<name>.sql} of
 * this bundle. Applied versions are recorded in {@code schema_version}; each script runs in one transaction.
 */
public final class Migrations {

    /**
     * Every script in order; a new schema change is a new entry, never an edit of an applied script. MigrationsTest
     * checks that every script of the migration folder is listed here (V3 and V4 once were not, and never ran).
     */
    static final List<String> SCRIPTS = List.of("V1__schema.sql", "V2__binding_locks.sql", "V3__invocations_by_event.sql",
            "V4__fewer_invocation_indexes.sql", "V5__invocation_text_as_varchar.sql", "V6__api_keys.sql",
            "V7__account_quotas.sql");

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /** Applies every script newer than the recorded schema version. */
    public static void migrate(Database database) {
        int current = database.inTransaction("create schema_version", Migrations::currentVersion);
        for (int i = current; i < SCRIPTS.size(); i++) {
            String script = SCRIPTS.get(i);
            int version = i + 1;
            database.inTransaction("apply migration " + script, connection -> {
                apply(connection, script, version);
                return null;
            });
            LOG.info("Applied database migration {}", script);
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, script VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
            try (ResultSet rs = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void apply(Connection connection, String script, int version) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(read(script))) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, ?)")) {
            insert.setInt(1, version);
            insert.setString(2, script);
            insert.setLong(3, System.currentTimeMillis());
            insert.executeUpdate();
        }
    }

    /** Splits a script at semicolons that end a line; lines starting with {@code --} are comments. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static String read(String script) {
        String path = "/db/migration/" + script;
        try (InputStream in = Migrations.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Migration script " + path + " is missing from the core bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read migration script " + path, e);
        }
    }
}
