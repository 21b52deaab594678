package io.switchboard.api.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SecretsApiTest {
    private static final String KEY = "acme-key";
    private static final String BASE = "/api/v1/accounts/acme/secrets";

    private final FakeCore core = new FakeCore();
    private ApiServer server;

    @BeforeEach
    void start() throws Exception {
        server = ApiServer.start(core, new ApiSettings(1_048_576, 20, 100));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aCreatedSecretIsStoredButOnlyItsMaskedValueComesBack() {
        ApiServer.Reply created = server.post(BASE, KEY, "{\"name\": \"crm-token\", \"value\": \"s3cr3t-value\"}");
        JsonNode listed = server.get(BASE, KEY).json().get("items");
        ApiServer.Reply read = server.get(BASE + "/crm-token", KEY);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(BASE + "/crm-token");
        assertThat(core.secretValue("acme", "crm-token")).isEqualTo("s3cr3t-value");
        assertThat(created.response().body()).doesNotContain("s3cr3t-value");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("maskedValue").asText()).isEqualTo("s3****");
        assertThat(read.response().body()).doesNotContain("s3cr3t-value");
        assertThat(read.json().get("updatedAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void creatingAnExistingSecretIsAConflictAndPutReplacesIt() {
        server.post(BASE, KEY, "{\"name\": \"token\", \"value\": \"one\"}");

        ApiServer.Reply again = server.post(BASE, KEY, "{\"name\": \"token\", \"value\": \"two\"}");
        ApiServer.Reply replaced = server.put(BASE + "/token", KEY, "{\"value\": \"three\"}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(core.secretValue("acme", "token")).isEqualTo("three");
    }

    @Test
    void aSecretNeedsANameAndAValue() {
        ApiServer.Reply reply = server.post(BASE, KEY, "{\"value\": 5}");
        ApiServer.Reply nothing = server.post(BASE, KEY, "{}");
        ApiServer.Reply nullValue = server.put(BASE + "/token", KEY, "{\"value\": null}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").findValuesAsText("field")).containsExactly("/name");
        assertThat(nothing.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("/name", "/value");
        assertThat(nullValue.status()).isEqualTo(400);
        assertThat(core.secretValue("acme", "token")).isNull();
    }

    @Test
    void aSecretsValueMayBeAnyJsonValueAndStringsStayStrings() {
        ApiServer.Reply created = server.post(BASE, KEY, "{\"name\": \"lp-faas-default-app-key\", \"value\": {\"consumerKey\": \"ck\"}}");
        server.put(BASE + "/limits", KEY, "{\"value\": [1, 2]}");
        server.put(BASE + "/plain", KEY, "{\"value\": \"text\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(core.secretValue("acme", "lp-faas-default-app-key")).isEqualTo("json:{\"consumerKey\":\"ck\"}");
        assertThat(core.secretValue("acme", "limits")).isEqualTo("json:[1,2]");
        assertThat(core.secretValue("acme", "plain")).isEqualTo("text");
    }

    @Test
    void deletedSecretsAreGoneAndUnknownOnesAreNotFound() {
        server.post(BASE, KEY, "{\"name\": \"token\", \"value\": \"v\"}");

        assertThat(server.delete(BASE + "/token", KEY).status()).isEqualTo(204);
        assertThat(server.get(BASE + "/token", KEY).status()).isEqualTo(404);
        assertThat(server.delete(BASE + "/token", KEY).status()).isEqualTo(404);
    }

    @Test
    void anotherAccountCannotReadOrOverwriteSecrets() {
        server.post(BASE, KEY, "{\"name\": \"token\", \"value\": \"v\"}");

        assertThat(server.get(BASE + "/token", "globex-key").status()).isEqualTo(404);
        assertThat(server.put(BASE + "/token", "globex-key", "{\"value\": \"stolen\"}").status()).isEqualTo(404);
        assertThat(core.secretValue("acme", "token")).isEqualTo("v");
    }
}
