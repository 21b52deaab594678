package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.itests.Api;
import io.switchboard.itests.TestPostgres;
import io.switchboard.itests.security.DocumentedExamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL example of docs/configuration.md ({@code etc/io.switchboard.core.db.cfg}) written into {@code etc/},
 * in the build's PostgreSQL run (skipped in the H2 run): the platform keeps its data in that database.
 */
class DocumentedDatabaseConfigurationIT {

    private static final String ADMIN_KEY = "documented-database-admin-key-0123456789";
    private static final String DB_FILE = "etc/io.switchboard.core.db.cfg";

    @Test
    void theDatabaseExampleRunsThePlatformOnPostgreSql() throws Exception {
        Assumptions.assumeTrue(TestPostgres.enabled(), "the PostgreSQL example runs in the PostgreSQL run");
        Assumptions.assumeTrue(TestPostgres.skipReason().isEmpty(), () -> TestPostgres.skipReason().orElse(""));
        String example = DocumentedExamples.of("configuration.md").configs().get(DB_FILE);
        assertThat(example).contains("url=jdbc:postgresql://127.0.0.1:5432/switchboard\n", "user=switchboard\n", "password=...\n",
                "dataSourceFactory.target=(osgi.jdbc.driver.class=org.postgresql.Driver)\n");
        String schemaUrl = TestPostgres.newSchemaUrl();
        // The example's lines with the test server's address and credentials: the rest as the document writes it.
        String written = example.replace("jdbc:postgresql://127.0.0.1:5432/switchboard", schemaUrl)
                .replace("user=switchboard", "user=" + TestPostgres.user()).replace("password=...", "password=" + TestPostgres.password());
        try (Installation postgres = Installation.copy(Path.of(System.getProperty("switchboard.itest.work"), "documented-db"))) {
            Files.writeString(postgres.home.resolve(DB_FILE), written);
            Installation.Result start = postgres.run("start", Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY), Duration.ofSeconds(120));
            assertThat(start.exitCode()).as(start.output()).isZero();
            Api onPostgres = new Api("http://127.0.0.1:" + postgres.port + "/api/v1", ADMIN_KEY);

            Api.Answer created = onPostgres.post("/accounts/acme/functions",
                    "{\"name\": \"stored-in-postgres\", \"code\": \"async function lambda(input) { return 1; }\"}");
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);

            try (Connection c = DriverManager.getConnection(schemaUrl, TestPostgres.user(), TestPostgres.password());
                    PreparedStatement select = c.prepareStatement("SELECT name FROM functions WHERE id = ?")) {
                select.setString(1, created.text("/id"));
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).as("the function is a row of the PostgreSQL schema").isTrue();
                    assertThat(rs.getString(1)).isEqualTo("stored-in-postgres");
                }
            }
            assertThat(postgres.home.resolve("data/db")).as("no embedded H2 database was made").doesNotExist();
        }
    }

}
