package io.switchboard.core.internal.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.internal.db.JdbcDatabase;
import io.switchboard.core.internal.quota.AccountQuotas;
import io.switchboard.core.internal.testing.DatabaseTest;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestDatabase;

@DatabaseTest
class SecretJsonValuesTest {

    @TempDir
    Path dataFolder;

    private final JdbcDatabase database = TestDatabase.inMemory();

    @AfterEach
    void close() {
        database.close();
    }

    private SecretsImpl secrets() {
        return new SecretsImpl(database, new AccountQuotas(TestConfigs.config(AccountQuotas.Config.class)),
                TestConfigs.config(SecretsImpl.Config.class, "key", Base64.getEncoder().encodeToString(new byte[32])), dataFolder);
    }

    @Test
    void jsonValuesReadBackAsJsonAndStringSecretsAsJsonStrings() {
        SecretsImpl secrets = secrets();
        secrets.put("acme", "plain", "s3cr3t");
        secrets.createJson("acme", "app-key", "{\"consumerKey\": \"ck\", \"n\": 1}");
        secrets.putJson("acme", "quoted", "\"just a string\"");

        assertThat(secrets.readJson("acme", "plain")).contains("\"s3cr3t\"");
        assertThat(secrets.readJson("acme", "app-key")).contains("{\"consumerKey\":\"ck\",\"n\":1}");
        assertThat(secrets.read("acme", "quoted")).contains("just a string");
        assertThat(secrets.readJson("acme", "missing")).isEmpty();
        assertThat(secrets.get("acme", "app-key").maskedValue()).startsWith("********");
    }

    @Test
    void updateJsonChangesOnlySecretsThatExist() {
        SecretsImpl secrets = secrets();
        secrets.put("acme", "token", "old");

        assertThat(secrets.updateJson("acme", "token", "[1,2]")).isTrue();
        assertThat(secrets.updateJson("acme", "never-created", "\"x\"")).isFalse();
        assertThat(secrets.updateJson("other", "token", "\"x\"")).isFalse();

        assertThat(secrets.readJson("acme", "token")).contains("[1,2]");
        assertThat(secrets.list("acme")).extracting(info -> info.name()).containsExactly("token");
        assertThatThrownBy(() -> secrets.putJson("acme", "token", "{not json")).isInstanceOf(ValidationException.class);
    }
}
