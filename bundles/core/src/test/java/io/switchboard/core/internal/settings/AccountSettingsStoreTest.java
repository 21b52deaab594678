package io.switchboard.core.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.api.settings.AccountSettings;
import io.switchboard.core.internal.db.JdbcDatabase;
import io.switchboard.core.internal.testing.DatabaseTest;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestDatabase;

@DatabaseTest
class AccountSettingsStoreTest {

    private final JdbcDatabase database = TestDatabase.inMemory();
    private final AccountSettingsStore store = new AccountSettingsStore(database,
            TestConfigs.config(AccountSettingsStore.Config.class, "cacheMillis", 0L));

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anAccountNobodyConfiguredHasLivePersonsDefaults() {
        assertThat(store.get("acme")).isEqualTo(AccountSettings.DEFAULTS);
        assertThat(store.get("acme").httpRequestsPerSecond()).isEqualTo(20);
    }

    @Test
    void settingsAreStoredPerAccountAndReplacedAsAWhole() {
        store.put("acme", new AccountSettings(List.of("*.Example.com", "api.liveperson.net"), "https://api.liveperson.net/", 50));
        store.put("other", new AccountSettings(List.of("other.example"), "", 5));
        store.put("acme", new AccountSettings(List.of("*.example.com"), "https://api.liveperson.net", 40));

        assertThat(store.get("acme")).isEqualTo(new AccountSettings(List.of("*.example.com"), "https://api.liveperson.net", 40));
        assertThat(store.get("other").allowedDomains()).containsExactly("other.example");
    }

    @Test
    void invalidSettingsNameEveryBadField() {
        assertThatThrownBy(() -> store.put("acme", new AccountSettings(List.of("*.*.example.com", "ok.example", "a b"),
                "ftp://x", 0)))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fieldErrors()).extracting(f -> f.field())
                        .containsExactly("/allowedDomains/0", "/allowedDomains/2", "/lpDiscoveryBaseUrl", "/httpRequestsPerSecond"));
        assertThat(store.get("acme")).isEqualTo(AccountSettings.DEFAULTS);
    }

    @Test
    void aLoweredRateCapRefusesTheNextPutWithoutARestart() {
        AccountSettings fifty = new AccountSettings(List.of("api.example.com"), "", 50);
        store.put("acme", fifty);

        store.modified(TestConfigs.config(AccountSettingsStore.Config.class, "cacheMillis", 0L, "maxHttpRequestsPerSecond", 10));

        assertThatThrownBy(() -> store.put("acme", fifty)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.fieldErrors()).extracting(f -> f.field()).containsExactly("/httpRequestsPerSecond"));
        assertThat(store.get("acme")).as("what was stored before stays").isEqualTo(fifty);
    }
}
