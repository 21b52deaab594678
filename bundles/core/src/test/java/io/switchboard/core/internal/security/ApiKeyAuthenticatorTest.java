package io.switchboard.core.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.core.api.security.Caller;
import io.switchboard.core.internal.db.JdbcDatabase;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestDatabase;

class ApiKeyAuthenticatorTest {

    @TempDir
    Path dataFolder;

    private final JdbcDatabase database = TestDatabase.inMemory();

    @AfterEach
    void close() {
        database.close();
    }

    private ApiKeyAuthenticator authenticator(Map<String, String> environment) {
        return new ApiKeyAuthenticator(TestConfigs.config(ApiKeyAuthenticator.Config.class, "adminKey", "admin-key-from-config",
                "accountKeys", new String[] {"acme=acme-key-0123456789", "globex=globex-key-0123456789", "broken"}),
                environment::get, dataFolder, database);
    }

    @Test
    void withoutAConfiguredAdminKeyOneIsGeneratedIntoTheDataFolderAndReused() throws Exception {
        var noAdminKey = TestConfigs.config(ApiKeyAuthenticator.Config.class, "accountKeys", new String[0]);

        ApiKeyAuthenticator first = new ApiKeyAuthenticator(noAdminKey, name -> null, dataFolder, database);
        String generated = Files.readString(dataFolder.resolve(ApiKeyAuthenticator.GENERATED_ADMIN_KEY_FILE)).strip();
        ApiKeyAuthenticator second = new ApiKeyAuthenticator(noAdminKey, name -> null, dataFolder, database);

        assertThat(generated).hasSizeGreaterThanOrEqualTo(40);
        assertThat(first.authenticate(generated)).contains(new Caller(null, true));
        assertThat(second.authenticate(generated)).contains(new Caller(null, true));
        assertThat(Files.getPosixFilePermissions(dataFolder.resolve(ApiKeyAuthenticator.GENERATED_ADMIN_KEY_FILE)))
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    @Test
    void noAdminKeyIsGeneratedWhenOneIsConfiguredOrGenerationIsOff() {
        authenticator(Map.of());
        new ApiKeyAuthenticator(TestConfigs.config(ApiKeyAuthenticator.Config.class, "generateAdminKey", false), name -> null, dataFolder,
                database);

        assertThat(dataFolder.resolve(ApiKeyAuthenticator.GENERATED_ADMIN_KEY_FILE)).doesNotExist();
    }

    @Test
    void accountKeysIdentifyTheirAccount() {
        ApiKeyAuthenticator auth = authenticator(Map.of());

        assertThat(auth.authenticate("acme-key-0123456789")).contains(new Caller("acme", false));
        assertThat(auth.authenticate("globex-key-0123456789")).contains(new Caller("globex", false));
        assertThat(auth.authenticate("acme-key-0123456789").orElseThrow().mayActOn("globex")).isFalse();
    }

    @Test
    void theAdminKeyMayActOnEveryAccount() {
        Caller admin = authenticator(Map.of()).authenticate("admin-key-from-config").orElseThrow();

        assertThat(admin.admin()).isTrue();
        assertThat(admin.mayActOn("acme")).isTrue();
    }

    @Test
    void theEnvironmentVariableOverridesTheConfiguredAdminKey() {
        ApiKeyAuthenticator auth = authenticator(Map.of(ApiKeyAuthenticator.ADMIN_KEY_ENV, "admin-key-from-environment"));

        assertThat(auth.authenticate("admin-key-from-environment")).contains(new Caller(null, true));
        assertThat(auth.authenticate("admin-key-from-config")).isEmpty();
    }

    @Test
    void unknownEmptyAndPrefixKeysAreRefused() {
        ApiKeyAuthenticator auth = authenticator(Map.of());

        assertThat(auth.authenticate("nope")).isEmpty();
        assertThat(auth.authenticate("")).isEmpty();
        assertThat(auth.authenticate(null)).isEmpty();
        assertThat(auth.authenticate("acme-key-012345678")).isEmpty();
    }

    @Test
    void reconfiguredKeysTakeEffect() {
        ApiKeyAuthenticator auth = authenticator(Map.of());

        auth.modified(TestConfigs.config(ApiKeyAuthenticator.Config.class, "accountKeys", new String[] {"acme=rotated-key-0123456789"}));

        assertThat(auth.authenticate("acme-key-0123456789")).isEmpty();
        assertThat(auth.authenticate("rotated-key-0123456789")).contains(new Caller("acme", false));
        assertThat(auth.authenticate("admin-key-from-config")).isEmpty();
    }
}
