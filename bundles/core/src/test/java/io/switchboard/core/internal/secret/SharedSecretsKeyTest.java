package io.switchboard.core.internal.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.core.internal.quota.AccountQuotas;
import io.switchboard.core.internal.db.JdbcDatabase;
import io.switchboard.core.internal.db.Rows;
import io.switchboard.core.internal.testing.DatabaseTest;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestDatabase;

/** Instances sharing one database share the secrets key, from the environment, configuration or a file; a wrong one shows. */
@DatabaseTest
class SharedSecretsKeyTest {

    private static final String KEY_A = Base64.getEncoder().encodeToString(filled(32, 1));
    private static final String KEY_B = Base64.getEncoder().encodeToString(filled(32, 2));

    @TempDir
    Path instanceA;
    @TempDir
    Path instanceB;

    private final JdbcDatabase database = TestDatabase.inMemory();

    @AfterEach
    void close() {
        database.close();
    }

    private static byte[] filled(int length, int value) {
        byte[] key = new byte[length];
        java.util.Arrays.fill(key, (byte) value);
        return key;
    }

    private static SecretsImpl.Config config(Object... overrides) {
        return TestConfigs.config(SecretsImpl.Config.class, overrides);
    }

    @Test
    void theEnvironmentBeatsTheConfiguredKeyWhichBeatsTheKeyFileWhichBeatsAGeneratedKey() throws Exception {
        Files.writeString(instanceA.resolve("cluster.key"), KEY_B + "\n");

        SecretKeySource fromEnvironment = SecretKeySource.resolve(config("key", KEY_B), instanceA, Map.of("SWITCHBOARD_SECRETS_KEY", KEY_A));
        SecretKeySource fromConfiguration = SecretKeySource.resolve(config("key", KEY_A, "keyFile", "cluster.key"), instanceA, Map.of());
        SecretKeySource fromFile = SecretKeySource.resolve(config("keyFile", "cluster.key"), instanceA, Map.of());
        SecretKeySource generated = SecretKeySource.resolve(config(), instanceB, Map.of());

        assertThat(fromEnvironment.key()).isEqualTo(filled(32, 1));
        assertThat(fromEnvironment.origin()).contains("SWITCHBOARD_SECRETS_KEY");
        assertThat(fromConfiguration.key()).isEqualTo(filled(32, 1));
        assertThat(fromFile.key()).isEqualTo(filled(32, 2));
        assertThat(fromFile.origin()).contains("cluster.key");
        assertThat(generated.origin()).contains("this instance only");
        assertThat(instanceB.resolve("secrets.key")).exists();
    }

    @Test
    void twoInstancesWithTheSameKeyFromTheEnvironmentReadEachOthersSecretsAndAreHealthy() {
        Map<String, String> environment = Map.of("SWITCHBOARD_SECRETS_KEY", KEY_A);
        SecretsKeyCheck checkA = new SecretsKeyCheck(database, config(), instanceA, environment);
        new SecretsImpl(database, new AccountQuotas(TestConfigs.config(AccountQuotas.Config.class)), config("key", KEY_A), instanceA).put("acme", "token", "written-on-a");
        SecretsKeyCheck checkB = new SecretsKeyCheck(database, config(), instanceB, environment);

        assertThat(checkA.get()).isEmpty();
        assertThat(checkB.get()).isEmpty();
        assertThat(new SecretsImpl(database, new AccountQuotas(TestConfigs.config(AccountQuotas.Config.class)), config("key", KEY_A), instanceB).read("acme", "token")).contains("written-on-a");
    }

    @Test
    void anInstanceThatGeneratedItsOwnKeyReportsThatItCannotReadTheSharedSecrets() {
        SecretsKeyCheck first = new SecretsKeyCheck(database, config(), instanceA, Map.of());
        SecretsKeyCheck second = new SecretsKeyCheck(database, config(), instanceB, Map.of());

        assertThat(first.get()).isEmpty();
        assertThat(second.get()).singleElement().asString()
                .contains("cannot decrypt the key check", "generated into " + instanceB, "SWITCHBOARD_SECRETS_KEY");
    }

    @Test
    void anUpgradedInstallationWhoseSecretsNeedAnotherKeyIsReportedAndNoCheckIsStored() {
        new SecretsImpl(database, new AccountQuotas(TestConfigs.config(AccountQuotas.Config.class)), config("key", KEY_A), instanceA).put("acme", "token", "old-secret");

        SecretsKeyCheck wrong = new SecretsKeyCheck(database, config("key", KEY_B), instanceA, Map.of());
        SecretsKeyCheck right = new SecretsKeyCheck(database, config("key", KEY_A), instanceA, Map.of());

        assertThat(wrong.get()).singleElement().asString().contains("cannot decrypt the stored secret token of account acme");
        assertThat(right.get()).isEmpty();
        assertThat(database.<Long>withConnection("checks", c -> Rows.count(c, "SELECT COUNT(*) FROM secrets_key_check"))).isEqualTo(1L);
    }
}
