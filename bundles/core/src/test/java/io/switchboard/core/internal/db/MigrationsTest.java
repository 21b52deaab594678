package io.switchboard.core.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.internal.testing.DatabaseTest;
import io.switchboard.core.internal.testing.TestDatabase;

@DatabaseTest
class MigrationsTest {

    /** Flyway quotes the names of its table and columns: lower case on both databases. */
    private static final String HISTORY = "\"" + Migrations.HISTORY_TABLE + "\"";

    private final List<JdbcDatabase> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(JdbcDatabase::close);
    }

    private JdbcDatabase open() {
        JdbcDatabase database = TestDatabase.inMemory();
        opened.add(database);
        return database;
    }

    private static int versionOf(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    @Test
    void everyScriptOfTheMigrationFolderIsAppliedByFlyway() {
        List<String> files = MigrationScripts.onClassPath().names();
        JdbcDatabase database = open();

        List<Integer> applied = database.withConnection("history", c -> io.switchboard.core.internal.db.Rows.list(c,
                "SELECT \"version\" FROM " + HISTORY + " WHERE \"success\" = TRUE AND \"version\" IS NOT NULL",
                rs -> Integer.parseInt(rs.getString(1))));

        assertThat(files).isNotEmpty().allMatch(f -> f.matches("V[0-9]+__[a-z0-9_]+\\.sql"));
        assertThat(applied).containsExactlyInAnyOrderElementsOf(files.stream().map(MigrationsTest::versionOf).toList());
    }

    @Test
    void aFreshDatabaseEndsWithTheLatestSchema() {
        JdbcDatabase database = open();

        assertThat(database.<List<String>>withConnection("indexes", c -> indexes(c, "invocations"))).containsExactlyInAnyOrder("PRIMARY",
                "ix_invocations_function_newest", "ix_invocations_account_newest");
        assertThat(database.<Integer>withConnection("types", c -> columnType(c, "invocations", "result"))).isEqualTo(Types.VARCHAR);
        assertThat(database.<Integer>withConnection("types", c -> columnType(c, "invocations", "logs"))).isEqualTo(Types.VARCHAR);
        assertThat(database.<Boolean>withConnection("old history", c -> hasTable(c, Migrations.LEGACY_TABLE))).isFalse();
    }

    @Test
    void aDatabaseMigratedByTheHandKeptListIsBaselinedAndUpgradedWithItsRecordsIntact() {
        JdbcDatabase database = open();
        database.inTransaction("back to version 2 of the hand-kept list", c -> {
            try (Statement s = c.createStatement()) {
                for (String table : allTables(c)) {
                    s.execute("DROP TABLE IF EXISTS \"" + table + "\" CASCADE"); // as stored: Flyway quotes its names
                }
                s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, script VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
                for (String script : List.of("V1__schema.sql", "V2__binding_locks.sql")) {
                    for (String sql : statements(read(script))) {
                        s.execute(sql);
                    }
                    s.execute("INSERT INTO schema_version VALUES (" + versionOf(script) + ", '" + script + "', 0)");
                }
                s.execute("INSERT INTO invocations (id, account, function_id, version, trigger_kind, started_at, duration_ms, "
                        + "outcome, result, logs) VALUES ('i1', 'acme', 'f1', 1, 'EVENT', 5, 1, 'OK', '{\"x\":1}', "
                        + "'[{\"time\":5,\"level\":\"INFO\",\"message\":\"hi\"}]')");
            }
            return null;
        });

        assertThat(Migrations.legacyVersion(pool(database))).isEqualTo(2);
        Migrations.migrate(pool(database), MigrationScripts.onClassPath());

        assertThat(database.<List<String>>withConnection("indexes", c -> indexes(c, "invocations"))).containsExactlyInAnyOrder("PRIMARY",
                "ix_invocations_function_newest", "ix_invocations_account_newest");
        assertThat(database.<String>withConnection("row", c -> Rows.one(c, "SELECT result || ' ' || logs FROM invocations WHERE id = 'i1'",
                rs -> rs.getString(1)).orElseThrow())).isEqualTo("{\"x\":1} [{\"time\":5,\"level\":\"INFO\",\"message\":\"hi\"}]");
        assertThat(database.<Integer>withConnection("types", c -> columnType(c, "invocations", "error_message"))).isEqualTo(Types.VARCHAR);
        List<String> baseline = database.withConnection("history", c -> Rows.list(c,
                "SELECT COALESCE(\"version\", '-') || ':' || \"type\" FROM " + HISTORY + " ORDER BY \"installed_rank\"", rs -> rs.getString(1)));
        assertThat(baseline).contains("2:BASELINE", "3:SQL", "4:SQL", "5:SQL", "10:SQL").doesNotContain("1:SQL", "2:SQL");
        assertThat(database.<Boolean>withConnection("old history", c -> hasTable(c, Migrations.LEGACY_TABLE))).isFalse();
    }

    @Test
    void theLivePersonIdsMigrationRewritesOldIdsAndLeavesNewOnesAlone() {
        JdbcDatabase database = open();
        database.inTransaction("rows written before issue 11", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO functions (id, account, name, spec, state, deployed_version, latest_version, created_at, updated_at) "
                        + "VALUES ('f1', 'acme', 'bye', '{\"name\":\"bye\",\"eventType\":\"messaging_line_in_off_hours\"}', 'PRODUCTIVE', 1, 1, 0, 0), "
                        + "('f2', 'acme', 'hi', '{\"name\":\"hi\",\"eventType\":\"controllerbot_messaging_ttr\"}', 'PRODUCTIVE', 1, 1, 0, 0)");
                s.execute("INSERT INTO bindings (function_id, account, event_type, function_name, skills, version) "
                        + "VALUES ('f1', 'acme', 'messaging_line_in_off_hours', 'bye', '[]', 1), ('f2', 'acme', 'controllerbot_messaging_ttr', 'hi', '[]', 1)");
            }
            return null;
        });

        database.inTransaction("V20 once more, on these rows", c -> {
            try (Statement s = c.createStatement()) {
                for (String sql : statements(read("V20__liveperson_event_ids.sql"))) {
                    s.execute(sql);
                }
            }
            return null;
        });

        assertThat(database.<List<String>>withConnection("bindings", c -> Rows.list(c,
                "SELECT function_id || '=' || event_type FROM bindings ORDER BY function_id", rs -> rs.getString(1))))
                .containsExactly("f1=controllerbot_messaging_mid_conversation_msg", "f2=controllerbot_messaging_ttr");
        assertThat(database.<List<String>>withConnection("specs", c -> Rows.list(c,
                "SELECT spec FROM functions ORDER BY id", rs -> rs.getString(1))))
                .containsExactly("{\"name\":\"bye\",\"eventType\":\"controllerbot_messaging_mid_conversation_msg\"}",
                        "{\"name\":\"hi\",\"eventType\":\"controllerbot_messaging_ttr\"}");
    }

    @Test
    void aSecondStartAppliesNothingAgain() {
        JdbcDatabase database = open();
        long before = database.withConnection("history", c -> Rows.count(c, "SELECT COUNT(*) FROM " + HISTORY));

        Migrations.migrate(pool(database), MigrationScripts.onClassPath());

        assertThat(database.<Long>withConnection("history", c -> Rows.count(c, "SELECT COUNT(*) FROM " + HISTORY))).isEqualTo(before);
    }

    @Test
    void theMergedFlywayPluginListNamesEveryPluginOfTheEmbeddedJars() throws IOException {
        String name = "META-INF/services/org.flywaydb.core.extensibility.Plugin";
        Set<String> ours = null;
        Set<String> jars = new LinkedHashSet<>();
        for (URL url : Collections.list(Migrations.class.getClassLoader().getResources(name))) {
            Set<String> plugins = plugins(url);
            if (url.getProtocol().equals("file")) {
                ours = plugins; // target/classes: the merged file the bundle carries
            } else if (url.getPath().contains("/flyway-core-") || url.getPath().contains("/flyway-database-postgresql-")) {
                jars.addAll(plugins); // the jars the bundle embeds
            }
        }

        assertThat(ours).isNotNull();
        assertThat(jars).contains("org.flywaydb.database.postgresql.PostgreSQLDatabaseType");
        assertThat(ours).containsAll(jars);
    }

    private static DataSource pool(JdbcDatabase database) {
        return database.dataSource();
    }

    private static Set<String> plugins(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            Set<String> names = new LinkedHashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
            return names;
        }
    }

    private static String read(String script) {
        return MigrationScripts.onClassPath().read(script);
    }

    /** Splits a script at semicolons that end a line; lines starting with {@code --} are comments. */
    private static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                statements.add(current.toString().strip().replaceAll(";$", ""));
                current.setLength(0);
            }
        }
        return statements;
    }

    private static List<String> allTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        return tables;
    }

    private static boolean hasTable(Connection c, String table) throws SQLException {
        return allTables(c).stream().anyMatch(t -> t.equalsIgnoreCase(table));
    }

    /** Index names in lower case; the primary key's (named differently by each database) as PRIMARY. */
    private static List<String> indexes(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String pk = null;
        try (ResultSet rs = meta.getPrimaryKeys(null, c.getSchema(), name(meta, table))) {
            if (rs.next()) {
                pk = rs.getString("PK_NAME");
            }
        }
        Set<String> names = new LinkedHashSet<>();
        try (ResultSet rs = meta.getIndexInfo(null, c.getSchema(), name(meta, table), false, false)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                if (index != null) {
                    boolean primary = index.equalsIgnoreCase(pk) || index.toUpperCase(Locale.ROOT).startsWith("PRIMARY_KEY");
                    names.add(primary ? "PRIMARY" : index.toLowerCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(names);
    }

    private static int columnType(Connection c, String table, String column) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getColumns(null, c.getSchema(), name(meta, table), name(meta, column))) {
            return rs.next() ? rs.getInt("DATA_TYPE") : Types.NULL;
        }
    }

    private static String name(DatabaseMetaData meta, String name) throws SQLException {
        return meta.storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT) : name;
    }
}
