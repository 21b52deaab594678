package io.switchboard.core.internal.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.function.SecretInfo;
import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.internal.db.JdbcDatabase;
import io.switchboard.core.internal.db.Rows;
import io.switchboard.core.internal.quota.AccountQuotas;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestDatabase;
import io.switchboard.core.internal.testing.DatabaseTest;

@DatabaseTest
class SecretsTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path dataFolder;

    private final JdbcDatabase database = TestDatabase.inMemory();

    @AfterEach
    void close() {
        database.close();
    }

    private SecretsImpl secrets(String key) {
        return new SecretsImpl(database, new AccountQuotas(TestConfigs.config(AccountQuotas.Config.class)),
                TestConfigs.config(SecretsImpl.Config.class, "key", key), dataFolder);
    }

    @Test
    void valuesAreEncryptedAtRestAndReadBackInFull() {
        SecretsImpl secrets = secrets(KEY);

        secrets.put("acme", "salesforce.token", "s3cr3t-value-123");

        String stored = database.withConnection("read", c -> Rows.one(c, "SELECT cipher_text FROM secrets", rs -> rs.getString(1))).orElseThrow();
        assertThat(stored).startsWith("v1:").doesNotContain("s3cr3t");
        assertThat(secrets.read("acme", "salesforce.token")).contains("s3cr3t-value-123");
    }

    @Test
    void theManagementSideOnlySeesMaskedValues() {
        SecretsImpl secrets = secrets(KEY);

        SecretInfo put = secrets.put("acme", "token", "abcdefghij");
        secrets.put("acme", "pin", "1234");

        assertThat(put.maskedValue()).isEqualTo("********ij");
        assertThat(secrets.get("acme", "pin").maskedValue()).isEqualTo("********");
        assertThat(secrets.list("acme")).extracting(SecretInfo::name).containsExactly("pin", "token");
        assertThat(secrets.list("acme")).extracting(SecretInfo::maskedValue).noneMatch(m -> m.contains("abcdef") || m.contains("1234"));
    }

    @Test
    void secretsAreIsolatedPerAccount() {
        SecretsImpl secrets = secrets(KEY);
        secrets.put("acme", "token", "value-of-acme");

        assertThat(secrets.read("globex", "token")).isEmpty();
        assertThat(secrets.list("globex")).isEmpty();
        assertThatThrownBy(() -> secrets.get("globex", "token")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> secrets.delete("globex", "token")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void updatingAndDeletingASecret() {
        SecretsImpl secrets = secrets(KEY);
        secrets.write("acme", "token", "first");
        secrets.write("acme", "token", "second");

        assertThat(secrets.read("acme", "token")).contains("second");
        secrets.delete("acme", "token");
        assertThat(secrets.read("acme", "token")).isEmpty();
    }

    @Test
    void creatingANameTheAccountAlreadyUsesIsAConflictAndKeepsTheOldValue() {
        SecretsImpl secrets = secrets(KEY);
        secrets.create("acme", "token", "first-value");

        assertThatThrownBy(() -> secrets.create("acme", "token", "second-value"))
                .isInstanceOf(io.switchboard.core.api.function.ConflictException.class).hasMessageContaining("token");
        assertThat(secrets.read("acme", "token")).contains("first-value");
        assertThat(secrets.create("globex", "token", "other-account").name()).isEqualTo("token");
    }

    @Test
    void concurrentCreatesOfOneNameLetExactlyOneWinAndConcurrentPutsAllSucceed() throws Exception {
        SecretsImpl secrets = secrets(KEY);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var creates = java.util.stream.IntStream.range(0, 8).<java.util.concurrent.Callable<Boolean>>mapToObj(i -> () -> {
                try {
                    secrets.create("acme", "race", "value-" + i);
                    return true;
                } catch (io.switchboard.core.api.function.ConflictException e) {
                    return false;
                }
            }).toList();
            long winners = 0;
            for (var result : pool.invokeAll(creates)) {
                winners += result.get() ? 1 : 0;
            }
            var puts = java.util.stream.IntStream.range(0, 8).<java.util.concurrent.Callable<String>>mapToObj(
                    i -> () -> secrets.put("acme", "upsert", "value-" + i).name()).toList();
            for (var result : pool.invokeAll(puts)) {
                assertThat(result.get()).isEqualTo("upsert"); // none failed on the unique key
            }
            assertThat(winners).isEqualTo(1);
            assertThat(secrets.read("acme", "upsert")).isPresent();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anotherKeyCannotDecrypt() {
        secrets(KEY).put("acme", "token", "value");
        SecretsImpl otherKey = secrets(Base64.getEncoder().encodeToString(new byte[16]));

        assertThatThrownBy(() -> otherKey.read("acme", "token")).hasMessageContaining("another key");
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceIntoTheDataFolder() throws Exception {
        secrets("").put("acme", "token", "value");
        String generated = Files.readString(dataFolder.resolve(SecretKeyFile.FILE_NAME));

        assertThat(Base64.getDecoder().decode(generated.strip())).hasSize(32);
        assertThat(secrets("").read("acme", "token")).contains("value");
        assertThat(Files.readString(dataFolder.resolve(SecretKeyFile.FILE_NAME))).isEqualTo(generated);
    }

    @Test
    void invalidNamesAreRefused() {
        assertThatThrownBy(() -> secrets(KEY).put("acme", "no spaces", "v")).isInstanceOf(ValidationException.class);
    }
}
