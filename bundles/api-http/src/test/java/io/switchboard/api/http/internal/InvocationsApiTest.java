package io.switchboard.api.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InvocationsApiTest {
    private static final String KEY = "acme-key";
    private static final String BASE = "/api/v1/accounts/acme/functions";

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

    private String deployed(String name, String code, String eventType) {
        String event = eventType == null ? "" : ",\"eventType\":\"" + eventType + "\"";
        String id = server.post(BASE, KEY, "{\"name\":\"" + name + "\",\"code\":\"" + code + "\"" + event + "}").json().get("id").asText();
        assertThat(server.post(BASE + "/" + id + "/deploy", KEY, null).status()).isEqualTo(200);
        return id;
    }

    @Test
    void createDeployInvokeRoundTripAnswersTheFunctionsResultAndLogs() {
        String id = deployed("echo", "async function lambda(i){return i}", null);

        ApiServer.Reply reply = server.post(BASE + "/" + id + "/invoke", KEY,
                "{\"headers\": [{\"key\": \"X-Trace\", \"value\": \"t1\"}], \"payload\": {\"text\": \"hi\"}}");

        JsonNode body = reply.json();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(body.get("invocationId").asText()).startsWith("inv-");
        assertThat(body.get("outcome").asText()).isEqualTo("OK");
        assertThat(body.get("result").get("echo").get("text").asText()).isEqualTo("hi");
        assertThat(body.get("result").get("headers").asText()).isEqualTo("X-Trace=t1");
        assertThat(body.get("result").get("trigger").asText()).isEqualTo("EXTERNAL");
        assertThat(body.has("error")).isFalse();
        assertThat(body.get("logs").get(0).get("level").asText()).isEqualTo("INFO");
        assertThat(body.get("logs").get(0).get("message").asText()).isEqualTo("ran echo");
        assertThat(body.get("version").asInt()).isEqualTo(1);
    }

    @Test
    void headersMayAlsoBeAnObjectAndThePayloadDefaultsToAnEmptyObject() {
        String id = deployed("echo", "c", null);

        JsonNode result = server.post(BASE + "/" + id + "/invoke", KEY, "{\"headers\": {\"a\": \"1\"}}").json().get("result");

        assertThat(result.get("headers").asText()).isEqualTo("a=1");
        assertThat(result.get("echo").isObject()).isTrue();
        assertThat(result.get("echo").size()).isZero();
    }

    @Test
    void aFailingFunctionAnswersItsErrorInsteadOfAResult() {
        String id = deployed("failing", "throw new Error()", null);

        JsonNode body = server.post(BASE + "/" + id + "/invoke", KEY, "{\"payload\": {}}").json();

        assertThat(body.get("outcome").asText()).isEqualTo("ERROR");
        assertThat(body.has("result")).isFalse();
        assertThat(body.get("error").get("errorCode").asText()).isEqualTo("com.switchboard.function.error");
        assertThat(body.get("error").get("errorMsg").asText()).isEqualTo("boom");
    }

    @Test
    void badHeadersAreFieldErrors() {
        String id = deployed("echo", "c", null);

        ApiServer.Reply reply = server.post(BASE + "/" + id + "/invoke", KEY, "{\"headers\": [{\"value\": \"x\"}, 5], \"payload\": 1}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").findValuesAsText("field")).containsExactly("/headers/0", "/headers/1");
    }

    @Test
    void invokingAnUndeployedFunctionIsAConflictAndAnUnknownOneIsNotFound() {
        String id = server.post(BASE, KEY, "{\"name\":\"draft\",\"code\":\"c\"}").json().get("id").asText();

        ApiServer.Reply draft = server.post(BASE + "/" + id + "/invoke", KEY, "{\"payload\": {}}");
        ApiServer.Reply unknown = server.post(BASE + "/fn-404/invoke", KEY, "{\"payload\": {}}");

        assertThat(draft.status()).isEqualTo(409);
        assertThat(draft.json().get("detail").asText()).contains("draft").contains("deploy");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void aRefusalWithRetryAfterIsHeldForTheDelayWhileOtherAnswersGoAtOnce() throws Exception {
        server.close();
        server = ApiServer.startHoldingRefusals(core, new ApiSettings(1_048_576, 20, 100), 2_000, 1);
        String id = deployed("echo", "c", null);
        core.capacityFullFor = Duration.ofMillis(1500);
        // HTTP/1.1: the JDK client's default (HTTP/2) queues requests behind a pending h2c upgrade.
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        java.net.http.HttpRequest invoke = server.request(BASE + "/" + id + "/invoke", KEY).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"payload\": {}}")).build();

        long started = System.nanoTime();
        java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>> held = http.sendAsync(invoke,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        // The first refusal must reach the core before the second: sent asynchronously on a connection of its own, it
        // could otherwise arrive after it, and the second would be the one held (seen once in CI).
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (core.capacityRefusals.get() == 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        assertThat(core.capacityRefusals.get()).as("the first invocation reached the core").isEqualTo(1);
        // While the first refusal waits: an answer without Retry-After goes at once, and so does a second refusal
        // (at most one held).
        java.net.http.HttpResponse<String> listed = http.send(server.request(BASE, KEY).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        java.net.http.HttpResponse<String> second = http.send(invoke, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(held).as("the first refusal is still held").isNotDone();
        java.net.http.HttpResponse<String> first = held.get(30, java.util.concurrent.TimeUnit.SECONDS);
        long firstMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(first.body()).contains("\"status\":429");
        assertThat(firstMillis).as("held for refusalDelayMillis").isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void aFullConcurrencyLimitIs429WithRetryAfterInWholeSeconds() {
        String id = deployed("echo", "c", null);
        core.capacityFullFor = Duration.ofMillis(1500);

        ApiServer.Reply reply = server.post(BASE + "/" + id + "/invoke", KEY, "{\"payload\": {}}");

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.header("Retry-After")).isEqualTo("2");
        assertThat(reply.json().get("retryAfterSeconds").asInt()).isEqualTo(2);
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:switchboard:problem:capacity-exceeded");
    }

    @Test
    void invokeSampleRunsTheEventTypesSamplePayload() {
        String id = deployed("command", "c", "conversational_command");

        JsonNode body = server.post(BASE + "/" + id + "/invoke-sample", KEY, null).json();

        assertThat(body.get("outcome").asText()).isEqualTo("OK");
        assertThat(body.get("result").get("echo").get("command").asText()).isEqualTo("hello");
        assertThat(body.get("result").get("trigger").asText()).isEqualTo("MANUAL");
    }

    @Test
    void invokeSampleOfAFunctionWithoutEventTypeIsAConflict() {
        String id = deployed("direct", "c", null);

        ApiServer.Reply reply = server.post(BASE + "/" + id + "/invoke-sample", KEY, null);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().get("detail").asText()).contains("not bound to an event type");
    }

    @Test
    void invocationsArePagedNewestFirstAndReadableOneByOne() {
        String id = deployed("echo", "c", null);
        for (int i = 0; i < 3; i++) {
            server.post(BASE + "/" + id + "/invoke", KEY, "{\"payload\": {\"n\": " + i + "}}");
        }

        JsonNode page = server.get(BASE + "/" + id + "/invocations?page=0&size=2", KEY).json();
        JsonNode newest = page.get("items").get(0);
        String invocationId = newest.get("id").asText();
        ApiServer.Reply byAccount = server.get("/api/v1/accounts/acme/invocations/" + invocationId, KEY);
        ApiServer.Reply byFunction = server.get(BASE + "/" + id + "/invocations/" + invocationId, KEY);

        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("items")).hasSize(2);
        assertThat(newest.get("result").get("echo").get("n").asInt()).isEqualTo(2);
        assertThat(newest.get("trigger").asText()).isEqualTo("EXTERNAL");
        assertThat(newest.get("durationMs").asLong()).isEqualTo(7);
        assertThat(byAccount.status()).isEqualTo(200);
        assertThat(byAccount.json().get("functionId").asText()).isEqualTo(id);
        assertThat(byFunction.json()).isEqualTo(byAccount.json());
    }

    @Test
    void anInvocationIsNotFoundUnderAnotherFunctionOrAccount() {
        String id = deployed("echo", "c", null);
        String other = deployed("other", "c", null);
        String invocationId = server.post(BASE + "/" + id + "/invoke", KEY, "{}").json().get("invocationId").asText();

        assertThat(server.get(BASE + "/" + other + "/invocations/" + invocationId, KEY).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/accounts/globex/invocations/" + invocationId, "globex-key").status()).isEqualTo(404);
        assertThat(server.get("/api/v1/accounts/acme/invocations/" + invocationId, "globex-key").status()).isEqualTo(404);
    }

    @Test
    void invokeDraftRunsTheSavedDraftOfAFunctionThatWasNeverDeployedAsVersionZero() {
        String id = server.post(BASE, KEY, "{\"name\":\"draft\",\"code\":\"c\"}").json().get("id").asText();

        ApiServer.Reply reply = server.post(BASE + "/" + id + "/invoke-draft", KEY,
                "{\"headers\": {\"X-Test\": \"1\"}, \"payload\": {\"text\": \"hi\"}}");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("version").asInt()).isZero();
        assertThat(body.get("outcome").asText()).isEqualTo("OK");
        assertThat(body.get("result").get("echo").get("text").asText()).isEqualTo("hi");
        assertThat(body.get("result").get("headers").asText()).isEqualTo("X-Test=1");
        assertThat(body.get("result").get("trigger").asText()).isEqualTo("MANUAL");
        JsonNode record = server.get(BASE + "/" + id + "/invocations", KEY).json().get("items").get(0);
        assertThat(record.get("version").asInt()).isZero();
        assertThat(record.get("trigger").asText()).isEqualTo("MANUAL");
    }

    @Test
    void invokeDraftOfAnUnknownFunctionOrAnotherAccountsIsNotFoundAndBadHeadersAreFieldErrors() {
        String id = server.post(BASE, KEY, "{\"name\":\"draft\",\"code\":\"c\"}").json().get("id").asText();

        assertThat(server.post(BASE + "/fn-404/invoke-draft", KEY, "{}").status()).isEqualTo(404);
        assertThat(server.post("/api/v1/accounts/acme/functions/" + id + "/invoke-draft", "globex-key", "{}").status()).isEqualTo(404);
        ApiServer.Reply bad = server.post(BASE + "/" + id + "/invoke-draft", KEY, "{\"headers\": [5]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValuesAsText("field")).containsExactly("/headers/0");
    }
}
