package io.switchboard.api.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventTypesApiTest {
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
    void theCatalogueIsListedSortedById() {
        JsonNode items = server.get("/api/v1/event-types", "acme-key").json().get("items");

        assertThat(items.findValuesAsText("id")).containsExactly("controllerbot_messaging_conversation_end", "conversational_command");
    }

    @Test
    void anEventTypeShowsLimitsModeAndEmbedsItsJsonAsJson() {
        JsonNode body = server.get("/api/v1/event-types/controllerbot_messaging_conversation_end", "acme-key").json();

        assertThat(body.get("displayName").asText()).isEqualTo("Messaging Conversation End");
        assertThat(body.get("source").asText()).isEqualTo("System Messages");
        assertThat(body.get("defaultLimit").asInt()).isEqualTo(1);
        assertThat(body.get("effectiveLimit").asInt()).isEqualTo(1);
        assertThat(body.get("supportsSkills").asBoolean()).isTrue();
        assertThat(body.has("skillPointer")).isFalse();
        assertThat(body.get("mode").asText()).isEqualTo("ASYNC");
        assertThat(body.get("selection").asText()).isEqualTo("SKILL");
        assertThat(body.get("retries").asInt()).isEqualTo(3);
        assertThat(body.get("delivery").asText()).isEqualTo("COMMANDS");
        assertThat(body.get("webhookPath").asText()).isEqualTo("/events/system-messages/conversation-end");
        assertThat(body.get("payloadSchema").get("type").asText()).isEqualTo("object");
        assertThat(body.at("/samplePayload/general/convId").asText()).isEqualTo("c-1");
        assertThat(body.get("resultSchema").isObject()).isTrue();
    }

    @Test
    void anOverriddenLimitShowsBesideTheDefault() {
        JsonNode body = server.get("/api/v1/event-types/conversational_command", "acme-key").json();

        assertThat(body.get("defaultLimit").asInt()).isEqualTo(30);
        assertThat(body.get("effectiveLimit").asInt()).isEqualTo(2);
    }

    @Test
    void anUnknownEventTypeIsNotFoundAndAnOldIdNamesItsReplacement() {
        assertThat(server.get("/api/v1/event-types/nope", "acme-key").status()).isEqualTo(404);
        var renamed = server.get("/api/v1/event-types/messaging_conversation_end", "acme-key");
        assertThat(renamed.status()).isEqualTo(404);
        assertThat(renamed.json().get("detail").asText()).contains("renamed to 'controllerbot_messaging_conversation_end'");
    }
}
