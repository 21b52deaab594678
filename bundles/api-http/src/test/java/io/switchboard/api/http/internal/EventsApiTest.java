package io.switchboard.api.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventsApiTest {
    private static final String KEY = "acme-key";
    private static final String FUNCTIONS = "/api/v1/accounts/acme/functions";
    private static final String EVENTS = "/api/v1/accounts/acme/events/";

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

    private void deploy(String name, String eventType) {
        String id = server.post(FUNCTIONS, KEY, "{\"name\":\"" + name + "\",\"code\":\"c\",\"eventType\":\"" + eventType + "\"}")
                .json().get("id").asText();
        assertThat(server.post(FUNCTIONS + "/" + id + "/deploy", KEY, null).status()).isEqualTo(200);
    }

    @Test
    void aSynchronousEventAnswersEveryBoundFunctionsOutcome() {
        deploy("command-a", "conversational_command");
        deploy("command-b", "conversational_command");

        ApiServer.Reply reply = server.post(EVENTS + "conversational_command", KEY,
                "{\"headers\": [{\"key\": \"X-Source\", \"value\": \"test\"}], \"payload\": {\"command\": \"hi\"}}");

        JsonNode body = reply.json();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(body.get("eventId").asText()).startsWith("ev-");
        assertThat(body.get("mode").asText()).isEqualTo("SYNC");
        assertThat(body.get("outcomes").findValuesAsText("functionName")).containsExactlyInAnyOrder("command-a", "command-b");
        assertThat(body.get("outcomes").get(0).get("result").get("echo").get("command").asText()).isEqualTo("hi");
        assertThat(body.get("outcomes").get(0).get("result").get("trigger").asText()).isEqualTo("EVENT");
        assertThat(body.get("result")).hasSize(2);
        assertThat(body.has("failure")).isFalse();
    }

    @Test
    void theSkillCommandAndBotOfAnEventAreQueryParameters() {
        deploy("closer", "controllerbot_messaging_conversation_end");

        server.post(EVENTS + "controllerbot_messaging_conversation_end?skillId=42&commandName=echo&botId=bot-7", KEY, "{\"payload\": {\"a\": 1}}");

        assertThat(core.lastDispatch.skillId()).isEqualTo("42");
        assertThat(core.lastDispatch.commandName()).isEqualTo("echo");
        assertThat(core.lastDispatch.botId()).isEqualTo("bot-7");
    }

    @Test
    void anAsynchronousEventIsAcceptedWith202AndItsId() {
        deploy("closer", "controllerbot_messaging_conversation_end");

        ApiServer.Reply reply = server.post(EVENTS + "controllerbot_messaging_conversation_end", KEY, "{\"payload\": {\"skillId\": \"42\"}}");

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().get("eventId").asText()).startsWith("ev-");
        assertThat(reply.json().get("mode").asText()).isEqualTo("ASYNC");
        assertThat(reply.json().get("outcomes")).isEmpty();
    }

    @Test
    void anEventNeedsAPayload() {
        ApiServer.Reply reply = server.post(EVENTS + "conversational_command", KEY, "{\"headers\": []}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("/payload");
    }

    @Test
    void aPayloadFailingTheSchemaIs400WithTheFailingFields() {
        ApiServer.Reply reply = server.post(EVENTS + "conversational_command", KEY, "{\"payload\": {}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:switchboard:problem:invalid-payload");
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("/payload/command");
    }

    @Test
    void anUnknownEventTypeIsNotFound() {
        ApiServer.Reply reply = server.post(EVENTS + "no_such_event", KEY, "{\"payload\": {\"a\": 1}}");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("detail").asText()).contains("no_such_event");
    }
}
