package io.switchboard.api.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 14, item 19: the admin lists accounts and issues, rotates and revokes account keys; account keys may not. */
class AccountsApiTest {
    private static final String ADMIN = FakeCore.ADMIN_KEY;

    private final FakeCore core = new FakeCore();
    private ApiServer server;

    @BeforeEach
    void start() throws Exception {
        server = ApiServer.start(core, new ApiSettings(1_048_576, 20, 100));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theAdminListsAccountsPaged() {
        JsonNode page = server.get("/api/v1/accounts?size=1", ADMIN).json();

        assertThat(page.get("items").findValuesAsText("account")).containsExactly("acme");
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("items").get(0).has("configuredKeys")).isTrue();
    }

    @Test
    void anIssuedKeyIsShownOnceWorksAndIsListedWithoutTheKey() {
        ApiServer.Reply issued = server.post("/api/v1/accounts/acme/keys", ADMIN, null);

        assertThat(issued.status()).isEqualTo(201);
        String key = issued.json().get("key").asText();
        String id = issued.json().get("id").asText();
        assertThat(issued.header("Location")).isEqualTo("/api/v1/accounts/acme/keys/" + id);
        assertThat(server.get("/api/v1/accounts/acme/functions", key).status()).as("the new key works").isEqualTo(200);
        JsonNode listed = server.get("/api/v1/accounts/acme/keys", ADMIN).json().get("items");
        assertThat(listed.findValuesAsText("id")).containsExactly(id);
        assertThat(listed.toString()).doesNotContain(key);
    }

    @Test
    void aRotationRevokesTheEarlierKeysAndADeleteRevokesOne() {
        String first = server.post("/api/v1/accounts/acme/keys", ADMIN, null).json().get("key").asText();
        ApiServer.Reply rotated = server.post("/api/v1/accounts/acme/keys", ADMIN, "{\"revokeOthers\": true}");

        assertThat(server.get("/api/v1/accounts/acme/functions", first).status()).isEqualTo(401);
        String second = rotated.json().get("key").asText();
        assertThat(server.delete("/api/v1/accounts/acme/keys/" + rotated.json().get("id").asText(), ADMIN).status()).isEqualTo(204);
        assertThat(server.get("/api/v1/accounts/acme/functions", second).status()).isEqualTo(401);
        assertThat(server.delete("/api/v1/accounts/acme/keys/nope", ADMIN).status()).isEqualTo(404);
    }

    @Test
    void accountKeysMayNotManageKeysNorListAccounts() {
        assertThat(server.get("/api/v1/accounts", "acme-key").status()).isEqualTo(403);
        assertThat(server.post("/api/v1/accounts/acme/keys", "acme-key", null).status()).isEqualTo(403);
        assertThat(server.get("/api/v1/accounts/acme/keys", "acme-key").json().get("type").asText())
                .isEqualTo("urn:switchboard:problem:forbidden");
        assertThat(server.post("/api/v1/accounts/globex/keys", "acme-key", null).status()).as("another account").isEqualTo(404);
    }

    @Test
    void aMistypedRotationFlagIsRefused() {
        ApiServer.Reply reply = server.post("/api/v1/accounts/acme/keys", ADMIN, "{\"revokeOthers\": \"yes\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").findValuesAsText("field")).containsExactly("/revokeOthers");
    }
}
