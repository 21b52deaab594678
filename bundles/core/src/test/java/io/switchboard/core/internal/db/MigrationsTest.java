package io.switchboard.core.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.internal.testing.TestDatabase;

class MigrationsTest {

    private final JdbcDatabase database = TestDatabase.inMemory();

    @AfterEach
    void close() {
        database.close();
    }

    private static int versionOf(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    @Test
    void everyScriptOfTheMigrationFolderIsListedInVersionOrder() throws IOException, URISyntaxException {
        Path folder = Path.of(Migrations.class.getResource("/db/migration/V1__schema.sql").toURI()).getParent();
        List<String> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = new ArrayList<>(listed.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).toList());
        }
        files.sort((a, b) -> Integer.compare(versionOf(a), versionOf(b)));

        assertThat(Migrations.SCRIPTS).containsExactlyElementsOf(files);
        assertThat(files.stream().map(MigrationsTest::versionOf).distinct()).as("one script per version").hasSameSizeAs(files);
    }

    @Test
    void aFreshDatabaseEndsWithTheLatestSchema() {
        List<String> indexes = database.withConnection("indexes", MigrationsTest::invocationIndexes);

        assertThat(indexes).containsExactlyInAnyOrder("PRIMARY_KEY", "IX_INVOCATIONS_FUNCTION");
        assertThat(database.<String>withConnection("types", c -> columnType(c, "RESULT"))).isEqualTo("CHARACTER VARYING");
        assertThat(database.<String>withConnection("types", c -> columnType(c, "LOGS"))).isEqualTo("CHARACTER VARYING");
        assertThat(database.<String>withConnection("version", c -> single(c, "SELECT COUNT(*) FROM schema_version")))
                .isEqualTo(String.valueOf(Migrations.SCRIPTS.size()));
        assertThat(database.<String>withConnection("version", c -> single(c, "SELECT MAX(version) FROM schema_version")))
                .isEqualTo(String.valueOf(versionOf(Migrations.SCRIPTS.get(Migrations.SCRIPTS.size() - 1))));
    }

    @Test
    void aDatabaseOfVersionTwoIsUpgradedWithItsRecordsIntact() {
        JdbcDatabase old = TestDatabase.inMemory();
        try {
            old.inTransaction("back to version 2", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP ALL OBJECTS");
                    s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, script VARCHAR(200) NOT NULL, "
                            + "applied_at BIGINT NOT NULL)");
                    for (String script : Migrations.SCRIPTS.subList(0, 2)) {
                        for (String sql : Migrations.statements(read(script))) {
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

            Migrations.migrate(old);

            assertThat(old.withConnection("indexes", MigrationsTest::invocationIndexes))
                    .containsExactlyInAnyOrder("PRIMARY_KEY", "IX_INVOCATIONS_FUNCTION");
            assertThat(old.<String>withConnection("row", c -> single(c, "SELECT result || ' ' || logs FROM invocations WHERE id = 'i1'")))
                    .isEqualTo("{\"x\":1} [{\"time\":5,\"level\":\"INFO\",\"message\":\"hi\"}]");
            assertThat(old.<String>withConnection("types", c -> columnType(c, "ERROR_MESSAGE"))).isEqualTo("CHARACTER VARYING");
        } finally {
            old.close();
        }
    }

    @Test
    void aVersionFiveDatabaseTakesLivePersonsEventIdsAndSettlesItsEventsAsUnits() {
        JdbcDatabase old = TestDatabase.inMemory();
        try {
            old.inTransaction("back to version 5", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP ALL OBJECTS");
                    s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, script VARCHAR(200) NOT NULL, "
                            + "applied_at BIGINT NOT NULL)");
                    for (String script : Migrations.SCRIPTS.subList(0, 5)) {
                        for (String sql : Migrations.statements(read(script))) {
                            s.execute(sql);
                        }
                        s.execute("INSERT INTO schema_version VALUES (" + versionOf(script) + ", '" + script + "', 0)");
                    }
                    String spec = "{\"name\":\"bye\",\"description\":\"\",\"code\":\"x\",\"eventType\":\"messaging_line_in_off_hours\","
                            + "\"skills\":[]}";
                    s.execute("INSERT INTO functions VALUES ('f1', 'acme', 'bye', '" + spec + "', 'PRODUCTIVE', 1, 1, 0, 0)");
                    s.execute("INSERT INTO function_versions VALUES ('f1', 1, '" + spec + "', 0)");
                    s.execute("INSERT INTO bindings VALUES ('f1', 'acme', 'messaging_line_in_off_hours', 'bye', '[]', 1)");
                    s.execute("INSERT INTO binding_locks VALUES ('acme', 'messaging_line_in_off_hours')");
                    s.execute("INSERT INTO invocations (id, account, function_id, version, event_type, trigger_kind, started_at, duration_ms, "
                            + "outcome, logs) VALUES ('i1', 'acme', 'f1', 1, 'chat_post_survey_email_transcript', 'EVENT', 5, 1, 'OK', '[]')");
                    for (String[] event : new String[][] {{"e-done", "DONE"}, {"e-pending", "PENDING"}, {"e-dead", "DEAD"}}) {
                        s.execute("INSERT INTO async_events VALUES ('" + event[0] + "', 'acme', 'third_party_bots_pre_hook', '{}', '[]', "
                                + "'EVENT', 0)");
                        s.execute("INSERT INTO async_tasks VALUES ('t-" + event[0] + "', '" + event[0] + "', 'acme', 'f1', 1, '" + event[1]
                                + "', 1, 0, NULL, 0)");
                    }
                }
                return null;
            });

            Migrations.migrate(old);

            assertThat(old.<String>withConnection("spec", c -> single(c, "SELECT spec FROM functions")))
                    .contains("\"eventType\":\"controllerbot_messaging_mid_conversation_msg\"");
            assertThat(old.<String>withConnection("spec", c -> single(c, "SELECT spec FROM function_versions")))
                    .contains("\"eventType\":\"controllerbot_messaging_mid_conversation_msg\"");
            assertThat(old.<String>withConnection("binding", c -> single(c, "SELECT event_type FROM bindings")))
                    .isEqualTo("controllerbot_messaging_mid_conversation_msg");
            assertThat(old.<String>withConnection("lock", c -> single(c, "SELECT event_type FROM binding_locks")))
                    .isEqualTo("controllerbot_messaging_mid_conversation_msg");
            assertThat(old.<String>withConnection("record", c -> single(c, "SELECT event_type FROM invocations")))
                    .isEqualTo("denver_post_survey_email_transcript");
            assertThat(old.<String>withConnection("events", c -> single(c, "SELECT LISTAGG(id || '=' || status || '/' || event_type, ',') "
                    + "WITHIN GROUP (ORDER BY id) FROM async_events"))).isEqualTo("e-dead=DEAD/bot_connectors_pre_hook,"
                    + "e-done=SETTLED/bot_connectors_pre_hook,e-pending=PENDING/bot_connectors_pre_hook");
        } finally {
            old.close();
        }
    }

    private static String read(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + script)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> invocationIndexes(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'INVOCATIONS'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                names.add(name.startsWith("PRIMARY_KEY") ? "PRIMARY_KEY" : name);
            }
        }
        return names;
    }

    private static String columnType(Connection c, String column) throws SQLException {
        return single(c, "SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'INVOCATIONS' AND COLUMN_NAME = '"
                + column + "'");
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
