package io.switchboard.api.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BotsApiTest {
    private static final String KEY = "acme-key";
    private static final String BOTS = "/api/v1/accounts/acme/bots";

    private final FakeCore core = new FakeCore();
    private ApiServer server;
    private String functionId;

    @BeforeEach
    void start() throws Exception {
        server = ApiServer.start(core, new ApiSettings(1_048_576, 20, 100));
        functionId = server.post("/api/v1/accounts/acme/functions", KEY,
                "{\"name\":\"my-bot\",\"code\":\"c\",\"eventType\":\"conversational_command\"}").json().get("id").asText();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aBotIsCreatedReadListedReplacedAndDeleted() {
        ApiServer.Reply created = server.post(BOTS, KEY,
                "{\"id\": \"bot-7\", \"vendor\": \"dialogflowv2\", \"functions\": {\"conversational_command\": \"my-bot\"}}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode bot = created.json();
        assertThat(bot.get("id").asText()).isEqualTo("bot-7");
        assertThat(bot.get("vendor").asText()).isEqualTo("dialogflowv2");
        assertThat(bot.at("/functions/conversational_command").asText()).isEqualTo(functionId);
        assertThat(server.get(BOTS + "/bot-7", KEY).json()).isEqualTo(bot);
        assertThat(server.get(BOTS, KEY).json().get("items")).hasSize(1);
        ApiServer.Reply replaced = server.put(BOTS + "/bot-7", KEY, "{\"vendor\": \"lex\", \"functions\": {}}");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("vendor").asText()).isEqualTo("lex");
        assertThat(server.delete(BOTS + "/bot-7", KEY).status()).isEqualTo(204);
        assertThat(server.get(BOTS + "/bot-7", KEY).status()).isEqualTo(404);
    }

    @Test
    void anUnknownVendorAndAMissingIdAreNamed() {
        ApiServer.Reply reply = server.post(BOTS, KEY, "{\"vendor\": \"skynet\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("/id", "/vendor");
        assertThat(reply.json().toString()).contains("dialogflowv2, faas, lex, microsoft, watson, watsonv2");
    }

    @Test
    void aSecondBotWithTheSameIdConflicts() {
        server.post(BOTS, KEY, "{\"id\": \"bot-7\", \"vendor\": \"faas\"}");

        assertThat(server.post(BOTS, KEY, "{\"id\": \"bot-7\", \"vendor\": \"faas\"}").status()).isEqualTo(409);
    }

    @Test
    void anotherAccountsBotsAreOutOfReach() {
        server.post(BOTS, KEY, "{\"id\": \"bot-7\", \"vendor\": \"faas\"}");

        assertThat(server.get(BOTS + "/bot-7", "globex-key").status()).isEqualTo(404);
        assertThat(server.get("/api/v1/accounts/globex/bots/bot-7", "globex-key").status()).isEqualTo(404);
    }
}
