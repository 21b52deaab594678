package io.switchboard.api.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.api.settings.AccountSettings;
import io.switchboard.core.api.settings.AccountSettingsService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountSettingsApiTest {
    private static final String PATH = "/api/v1/accounts/acme/settings";

    private final Map<String, AccountSettings> stored = new ConcurrentHashMap<>();
    private final AccountSettingsService settings = new AccountSettingsService() {
        @Override
        public AccountSettings get(String account) {
            return stored.getOrDefault(account, AccountSettings.DEFAULTS);
        }

        @Override
        public AccountSettings put(String account, AccountSettings value) {
            if (value.httpRequestsPerSecond() > 1000) {
                throw new ValidationException("Invalid account settings", List.of(new FieldError("/httpRequestsPerSecond", "must be 1-1000")));
            }
            stored.put(account, value);
            return value;
        }
    };
    private ApiServer server;

    @BeforeEach
    void start() throws Exception {
        server = ApiServer.startWithAccountSettings(new FakeCore(), new ApiSettings(1_048_576, 20, 100), settings);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anUnconfiguredAccountShowsLivePersonsDefaults() {
        ApiServer.Reply reply = server.get(PATH, "acme-key");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("allowedDomains")).isEmpty();
        assertThat(reply.json().get("lpDiscoveryBaseUrl").asText()).isEmpty();
        assertThat(reply.json().get("httpRequestsPerSecond").asInt()).isEqualTo(20);
    }

    @Test
    void theAccountsKeyAndTheAdminKeyReplaceTheSettingsAndOtherAccountsCannot() {
        ApiServer.Reply own = server.put(PATH, "acme-key",
                "{\"allowedDomains\": [\"*.example.com\"], \"lpDiscoveryBaseUrl\": \"https://api.liveperson.net\", \"httpRequestsPerSecond\": 50}");
        ApiServer.Reply admin = server.put(PATH, FakeCore.ADMIN_KEY, "{\"allowedDomains\": [\"api.example.com\"]}");
        ApiServer.Reply other = server.put(PATH, "globex-key", "{\"allowedDomains\": [\"evil.example\"]}");

        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("httpRequestsPerSecond").asInt()).isEqualTo(50);
        assertThat(admin.status()).isEqualTo(200);
        assertThat(other.status()).isEqualTo(404);
        assertThat(stored.get("acme")).isEqualTo(new AccountSettings(List.of("api.example.com"), null, 20));
    }

    @Test
    void badSettingsAre400NamingTheField() {
        ApiServer.Reply wrongType = server.put(PATH, "acme-key", "{\"allowedDomains\": \"example.com\", \"unknown\": 1}");
        ApiServer.Reply tooFast = server.put(PATH, "acme-key", "{\"httpRequestsPerSecond\": 5000}");

        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("errors").findValuesAsText("field")).contains("/allowedDomains", "/unknown");
        assertThat(tooFast.status()).isEqualTo(400);
        assertThat(tooFast.json().get("errors").findValuesAsText("field")).containsExactly("/httpRequestsPerSecond");
        assertThat(stored).isEmpty();
    }
}
