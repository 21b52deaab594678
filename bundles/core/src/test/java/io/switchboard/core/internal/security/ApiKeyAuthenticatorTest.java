package io.switchboard.core.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.core.api.security.Caller;
import io.switchboard.core.internal.testing.TestConfigs;

class ApiKeyAuthenticatorTest {

    private static ApiKeyAuthenticator authenticator(Map<String, String> environment) {
        return new ApiKeyAuthenticator(TestConfigs.config(ApiKeyAuthenticator.Config.class, "adminKey", "admin-key-from-config",
                "accountKeys", new String[] {"acme=acme-key-0123456789", "globex=globex-key-0123456789", "broken"}), environment::get);
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
