package io.switchboard.api.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.api.function.LimitBreach;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FunctionsApiTest {
    private static final String KEY = "acme-key";
    private static final String BASE = "/api/v1/accounts/acme/functions";

    private final FakeCore core = new FakeCore();
    private ApiServer server;

    @BeforeEach
    void start() throws Exception {
        server = ApiServer.start(core, new ApiSettings(1_048_576, 2, 3));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private String create(String name, String eventType) {
        String event = eventType == null ? "" : ",\"eventType\":\"" + eventType + "\"";
        ApiServer.Reply reply = server.post(BASE, KEY, "{\"name\":\"" + name + "\",\"code\":\"async function lambda(i){return i}\"" + event + "}");
        assertThat(reply.status()).as(reply.response().body()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    @Test
    void createAnswers201WithLocationAndEveryField() {
        ApiServer.Reply reply = server.post(BASE, KEY, """
                {"name": "greeter", "code": "async function lambda(input) { return 1 }", "eventType": "conversational_command",
                 "skills": [], "timeoutMs": 5000, "allowedDomains": ["api.example.com"], "env": {"MODE": "test"},
                 "description": "says hello"}""");

        JsonNode body = reply.json();
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("Location")).isEqualTo(BASE + "/" + body.get("id").asText());
        assertThat(body.get("name").asText()).isEqualTo("greeter");
        assertThat(body.get("description").asText()).isEqualTo("says hello");
        assertThat(body.get("eventType").asText()).isEqualTo("conversational_command");
        assertThat(body.get("timeoutMs").asLong()).isEqualTo(5000);
        assertThat(body.get("allowedDomains").get(0).asText()).isEqualTo("api.example.com");
        assertThat(body.get("env").get("MODE").asText()).isEqualTo("test");
        assertThat(body.get("state").asText()).isEqualTo("DRAFT");
        assertThat(body.get("code").asText()).contains("lambda");
        assertThat(body.get("createdAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void aFunctionWithoutEventTypeNeedsOnlyNameAndCode() {
        ApiServer.Reply reply = server.post(BASE, KEY, "{\"name\":\"direct\",\"code\":\"function lambda(i, cb){cb(null, 1)}\"}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().has("eventType")).isFalse();
        assertThat(reply.json().get("timeoutMs").asLong()).isEqualTo(30_000);
    }

    @Test
    void missingAndMistypedFieldsAreAllListed() {
        ApiServer.Reply reply = server.post(BASE, KEY, "{\"code\": 5, \"skills\": \"all\", \"timeoutMs\": -1, \"env\": {\"A\": 1}, \"nmae\": \"x\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:switchboard:problem:validation-failed");
        assertThat(reply.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("/nmae", "/name", "/code", "/skills", "/timeoutMs", "/env/A");
    }

    @Test
    void fieldErrorsOfTheCoreAreAnswered400() {
        ApiServer.Reply reply = server.post(BASE, KEY, "{\"name\":\"x\",\"code\":\"c\",\"eventType\":\"no_such_event\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("/eventType");
    }

    @Test
    void aTakenNameIsAConflict() {
        create("greeter", null);

        ApiServer.Reply reply = server.post(BASE, KEY, "{\"name\":\"greeter\",\"code\":\"c\"}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().get("detail").asText()).contains("greeter");
    }

    @Test
    void listingsArePagedFromZeroWithoutCode() {
        for (String name : List.of("a", "b", "c", "d", "e")) {
            create(name, null);
        }

        JsonNode first = server.get(BASE, KEY).json();
        JsonNode last = server.get(BASE + "?page=2&size=2", KEY).json();

        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("total").asLong()).isEqualTo(5);
        assertThat(first.get("items").findValuesAsText("name")).containsExactly("a", "b");
        assertThat(first.get("items").get(0).has("code")).isFalse();
        assertThat(last.get("items").findValuesAsText("name")).containsExactly("e");
    }

    @Test
    void pagingParametersOutOfRangeAreRefused() {
        ApiServer.Reply reply = server.get(BASE + "?page=-1&size=4", KEY);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").findValuesAsText("field")).containsExactly("page", "size");
        assertThat(server.get(BASE + "?size=abc", KEY).status()).isEqualTo(400);
    }

    @Test
    void aPageBeyondTheListingDepthIsRefusedWith400NotAnOverflow() {
        ApiServer.Reply reply = server.get(BASE + "?page=2147483647&size=3", KEY);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").findValuesAsText("field")).containsExactly("page");
        assertThat(reply.json().get("errors").get(0).get("message").asText()).contains("at most 333333 with size 3");
        assertThat(server.get(BASE + "?page=333333&size=3", KEY).status()).isEqualTo(200);
    }

    @Test
    void updateReplacesTheSpecAndDeleteRemovesTheFunction() {
        String id = create("greeter", null);

        ApiServer.Reply updated = server.put(BASE + "/" + id, KEY, "{\"name\":\"greeter2\",\"code\":\"new code\"}");
        ApiServer.Reply deleted = server.delete(BASE + "/" + id, KEY);

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("name").asText()).isEqualTo("greeter2");
        assertThat(updated.json().get("code").asText()).isEqualTo("new code");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.response().body()).isEmpty();
        assertThat(server.get(BASE + "/" + id, KEY).status()).isEqualTo(404);
        assertThat(server.delete(BASE + "/" + id, KEY).status()).isEqualTo(404);
    }

    @Test
    void deployUndeployRollbackAndVersionsFollowTheLifecycle() {
        String id = create("greeter", null);

        assertThat(server.post(BASE + "/" + id + "/deploy", KEY, null).json().get("state").asText()).isEqualTo("PRODUCTIVE");
        server.put(BASE + "/" + id, KEY, "{\"name\":\"greeter\",\"code\":\"v2\"}");
        JsonNode second = server.post(BASE + "/" + id + "/deploy", KEY, null).json();
        JsonNode undeployed = server.post(BASE + "/" + id + "/undeploy", KEY, null).json();
        JsonNode rolledBack = server.post(BASE + "/" + id + "/rollback", KEY, "{\"version\": 1}").json();
        JsonNode versions = server.get(BASE + "/" + id + "/versions", KEY).json();

        assertThat(second.get("deployedVersion").asInt()).isEqualTo(2);
        assertThat(undeployed.get("state").asText()).isEqualTo("UNDEPLOYED");
        assertThat(rolledBack.get("deployedVersion").asInt()).isEqualTo(1);
        assertThat(rolledBack.get("code").asText()).contains("lambda");
        assertThat(versions.get("items").findValuesAsText("version")).containsExactly("1", "2");
        assertThat(versions.get("items").get(0).get("active").asBoolean()).isTrue();
        assertThat(versions.get("items").get(1).get("code").asText()).isEqualTo("v2");
    }

    @Test
    void rollbackNeedsAPositiveVersion() {
        String id = create("greeter", null);

        ApiServer.Reply missing = server.post(BASE + "/" + id + "/rollback", KEY, "{}");
        ApiServer.Reply wrong = server.post(BASE + "/" + id + "/rollback", KEY, "{\"version\": \"one\"}");
        ApiServer.Reply unknown = server.post(BASE + "/" + id + "/rollback", KEY, "{\"version\": 7}");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").get(0).get("field").asText()).isEqualTo("/version");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void deployingBeyondTheEventLimitIs409NamingEventLimitAndHolders() {
        String first = create("closer-1", "controllerbot_messaging_conversation_end");
        String second = create("closer-2", "controllerbot_messaging_conversation_end");
        server.post(BASE + "/" + first + "/deploy", KEY, null);

        ApiServer.Reply reply = server.post(BASE + "/" + second + "/deploy", KEY, null);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:switchboard:problem:function-limit-exceeded");
        assertThat(reply.json().get("eventType").asText()).isEqualTo("controllerbot_messaging_conversation_end");
        assertThat(reply.json().get("limit").asInt()).isEqualTo(1);
        assertThat(reply.json().get("holders").get(0).asText()).isEqualTo("closer-1");
        assertThat(reply.json().get("detail").asText()).contains("closer-1");
    }

    @Test
    void undeployingANeverDeployedFunctionIsAConflict() {
        String id = create("greeter", null);

        assertThat(server.post(BASE + "/" + id + "/undeploy", KEY, null).status()).isEqualTo(409);
    }

    @Test
    void limitBreachesAreListedPerAccount() {
        core.breaches.put("acme", List.of(new LimitBreach("acme", "controllerbot_messaging_conversation_end", "42", 1, List.of("a", "b"))));

        JsonNode items = server.get("/api/v1/accounts/acme/limit-breaches", KEY).json().get("items");

        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("eventType").asText()).isEqualTo("controllerbot_messaging_conversation_end");
        assertThat(items.get(0).get("skill").asText()).isEqualTo("42");
        assertThat(items.get(0).get("holders").size()).isEqualTo(2);
        assertThat(server.get("/api/v1/accounts/globex/limit-breaches", "globex-key").json().get("items")).isEmpty();
    }
}
