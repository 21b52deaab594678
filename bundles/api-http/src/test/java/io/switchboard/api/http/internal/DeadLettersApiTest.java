package io.switchboard.api.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadLettersApiTest {
    private static final String KEY = "acme-key";
    private static final String DEAD_LETTERS = "/api/v1/accounts/acme/dead-letters";
    private static final Instant EARLIER = Instant.parse("2026-01-02T03:04:05Z");
    private static final Instant LATER = Instant.parse("2026-01-02T03:09:05Z");

    private final FakeCore core = new FakeCore();
    private ApiServer server;
    private String functionId;

    @BeforeEach
    void start() throws Exception {
        server = ApiServer.start(core, new ApiSettings(1_048_576, 20, 100));
        functionId = server.post("/api/v1/accounts/acme/functions", KEY,
                "{\"name\":\"closer\",\"code\":\"c\",\"eventType\":\"controllerbot_messaging_conversation_end\"}").json().get("id").asText();
        assertThat(server.post("/api/v1/accounts/acme/functions/" + functionId + "/deploy", KEY, null).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static String retry(String taskId) {
        return DEAD_LETTERS + "/" + taskId + "/retry";
    }

    @Test
    void theListIsAPageOfTheAccountsDeadLettersNewestFirst() {
        String older = core.deadLetter("acme", functionId, EARLIER);
        String newer = core.deadLetter("acme", functionId, LATER);
        core.deadLetter("globex", "fn-of-globex", LATER);

        ApiServer.Reply reply = server.get(DEAD_LETTERS + "?page=0&size=1", KEY);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("total").asLong()).isEqualTo(2);
        assertThat(body.get("page").asInt()).isZero();
        assertThat(body.get("size").asInt()).isEqualTo(1);
        JsonNode item = body.get("items").get(0);
        assertThat(item.get("taskId").asText()).isEqualTo(newer);
        assertThat(item.get("eventId").asText()).startsWith("ev-");
        assertThat(item.get("eventType").asText()).isEqualTo("controllerbot_messaging_conversation_end");
        assertThat(item.get("functionId").asText()).isEqualTo(functionId);
        assertThat(item.get("version").asInt()).isEqualTo(1);
        assertThat(item.get("attempts").asInt()).isEqualTo(3);
        assertThat(item.get("lastError").asText()).contains("boom");
        assertThat(item.get("deadLetteredAt").asText()).isEqualTo("2026-01-02T03:09:05Z");
        assertThat(server.get(DEAD_LETTERS + "?page=1&size=1", KEY).json().get("items").get(0).get("taskId").asText()).isEqualTo(older);
    }

    @Test
    void badPagingParametersAreFieldErrors() {
        ApiServer.Reply reply = server.get(DEAD_LETTERS + "?size=1000", KEY);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("size");
    }

    @Test
    void aRetryIsAcceptedAndAnswersTheTaskAsRequeuedOnTheDeployedVersion() {
        String taskId = core.deadLetter("acme", functionId, EARLIER);
        server.put("/api/v1/accounts/acme/functions/" + functionId, KEY,
                "{\"name\":\"closer\",\"code\":\"fixed\",\"eventType\":\"controllerbot_messaging_conversation_end\"}");
        server.post("/api/v1/accounts/acme/functions/" + functionId + "/deploy", KEY, null);

        ApiServer.Reply reply = server.post(retry(taskId), KEY, null);

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().get("taskId").asText()).isEqualTo(taskId);
        assertThat(reply.json().get("version").asInt()).isEqualTo(2);
        assertThat(reply.json().get("attempts").asInt()).isZero();
        assertThat(server.get(DEAD_LETTERS, KEY).json().get("total").asLong()).isZero();
    }

    @Test
    void theAdminKeyMayListAndRetryTheDeadLettersOfEveryAccount() {
        String taskId = core.deadLetter("acme", functionId, EARLIER);

        assertThat(server.get(DEAD_LETTERS, FakeCore.ADMIN_KEY).json().get("total").asLong()).isEqualTo(1);
        assertThat(server.post(retry(taskId), FakeCore.ADMIN_KEY, null).status()).isEqualTo(202);
    }

    @Test
    void anotherAccountsTaskIsNotFoundWhateverPathItIsAskedThrough() {
        String taskId = core.deadLetter("acme", functionId, EARLIER);

        ApiServer.Reply throughOwnAccount = server.post("/api/v1/accounts/globex/dead-letters/" + taskId + "/retry", "globex-key", null);
        ApiServer.Reply throughVictimsAccount = server.post(retry(taskId), "globex-key", null);
        ApiServer.Reply listOfVictim = server.get(DEAD_LETTERS, "globex-key");

        assertThat(throughOwnAccount.status()).isEqualTo(404);
        assertThat(throughOwnAccount.contentType()).startsWith("application/problem+json");
        assertThat(throughOwnAccount.json().get("type").asText()).isEqualTo("urn:switchboard:problem:not-found");
        assertThat(throughVictimsAccount.status()).isEqualTo(404);
        assertThat(listOfVictim.status()).isEqualTo(404);
        assertThat(server.post(retry("no-such-task"), KEY, null).status()).isEqualTo(404);
        assertThat(server.get(DEAD_LETTERS, KEY).json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void retryingATaskTwiceIsAConflict() {
        String taskId = core.deadLetter("acme", functionId, EARLIER);
        assertThat(server.post(retry(taskId), KEY, null).status()).isEqualTo(202);

        ApiServer.Reply again = server.post(retry(taskId), KEY, null);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().get("type").asText()).isEqualTo("urn:switchboard:problem:conflict");
        assertThat(again.json().get("detail").asText()).contains("not dead-lettered");
    }

    @Test
    void retryingTheTaskOfAnUndeployedFunctionIsAConflictThatSaysToDeployItFirst() {
        String taskId = core.deadLetter("acme", functionId, EARLIER);
        server.post("/api/v1/accounts/acme/functions/" + functionId + "/undeploy", KEY, null);

        ApiServer.Reply reply = server.post(retry(taskId), KEY, null);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().get("detail").asText()).contains("deploy it first");
        assertThat(server.get(DEAD_LETTERS, KEY).json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void withoutAKeyBothEndpointsAnswer401() {
        String taskId = core.deadLetter("acme", functionId, EARLIER);

        assertThat(server.get(DEAD_LETTERS, null).status()).isEqualTo(401);
        assertThat(server.post(retry(taskId), null, null).status()).isEqualTo(401);
        assertThat(server.post(retry(taskId), "no-such-key", null).status()).isEqualTo(401);
        assertThat(server.get(DEAD_LETTERS, KEY).json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void theListAnswersOnlyGetAndTheRetryOnlyPost() {
        String taskId = core.deadLetter("acme", functionId, EARLIER);

        assertThat(server.delete(DEAD_LETTERS, KEY).status()).isEqualTo(405);
        assertThat(server.get(retry(taskId), KEY).status()).isEqualTo(405);
    }
}
