package io.switchboard.itests.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.switchboard.itests.Api;
import io.switchboard.itests.distribution.Installation;
import io.switchboard.itests.distribution.Poll;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 14's executor items against a running installation: a run GraalJS cannot stop (item 2), memory kept across
 * calls (3), oversized error text (4) and functions reaching internal addresses (6). The configuration files are the
 * ones docs/executor.md and docs/security.md show, written into etc/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExecutorSecurityIT {

    private static final String ADMIN_KEY = "executor-security-admin-key-0123456789";
    private static final String EXECUTOR_FILE = "etc/io.switchboard.executor.graaljs.cfg";
    private static final String EGRESS_FILE = "etc/io.switchboard.core.egress.cfg";
    static final String OVERFLOW_IN_CATCH = "function f() { try { return f(); } catch (e) { return f(); } }\n"
            + "async function lambda() { return f(); }";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Installation installation;
    private Api api;
    private HttpServer stub;
    private final AtomicInteger stubCalls = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        installation = Installation.copy(Path.of(System.getProperty("switchboard.itest.work"), "executor-security"));
        // docs/executor.md and docs/security.md show the same file (what a warm context may keep): written as they show it.
        String executorCfg = DocumentedExamples.of("executor.md").configs().get(EXECUTOR_FILE);
        assertThat(DocumentedExamples.of("security.md").configs()).containsEntry(EXECUTOR_FILE, executorCfg);
        assertThat(executorCfg).contains("contextAllocationBudgetMegabytes=64", "contextAllocationBudgetHeapPercent=0");
        Files.writeString(installation.home.resolve(EXECUTOR_FILE), executorCfg);
        Installation.Result start = installation.run("start", Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY), Duration.ofSeconds(120));
        assertThat(start.exitCode()).as(start.output()).isZero();
        Poll.until("/health answers 200", Duration.ofSeconds(60), installation::healthy);
        api = new Api("http://127.0.0.1:" + installation.port + "/api/v1", ADMIN_KEY);
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/internal", exchange -> {
            stubCalls.incrementAndGet();
            byte[] body = "internal".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (stub != null) {
            stub.stop(0);
        }
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    @Order(1)
    void aFunctionKeepingDataInAGlobalOnEveryCallHasItsContextRecycled() {
        String id = deploy("hoarder", "hoarder", "const kept = [];\n"
                + "async function lambda() { kept.push(new Float64Array(2 * 1024 * 1024)); return kept.length; }", 10_000, List.of());
        List<Integer> held = new ArrayList<>();
        for (int call = 0; call < 12; call++) {
            Api.Answer answer = invoke("hoarder", id);
            assertThat(answer.text("/outcome")).as(answer.body().toString()).isEqualTo("OK");
            held.add(answer.body().at("/result").asInt());
        }

        // 16 MiB per call against 64 MiB per context: never more than four arrays kept, where 12 calls kept 12 before.
        assertThat(held).allMatch(n -> n <= 4).contains(1, 2);
        assertThat(installation.healthy()).isTrue();
    }

    @Test
    @Order(2)
    void aTwentyMegabyteErrorMessageIsAnsweredAndStoredCut() throws Exception {
        String id = deploy("shouter", "shouter", "async function lambda() { throw new Error('E'.repeat(20 * 1024 * 1024)); }", 10_000,
                List.of());

        Api.Answer answer = invoke("shouter", id);

        assertThat(answer.text("/outcome")).isEqualTo("ERROR");
        assertThat(answer.text("/error/errorMsg")).startsWith("EEEE").hasSizeLessThanOrEqualTo(4_096);
        Poll.until("the record of the run", Duration.ofSeconds(30),
                () -> api.get("/accounts/shouter/functions/" + id + "/invocations").body().at("/total").asInt() == 1);
        String stored = api.get("/accounts/shouter/functions/" + id + "/invocations").text("/items/0/error/errorMsg");
        assertThat(stored).startsWith("EEEE").hasSizeLessThanOrEqualTo(4_096);
    }

    @Test
    @Order(3)
    void internalAddressesAreRefusedWhenSavedAndWhenConnectedUnlessTheOperatorAdmitsThem() throws Exception {
        String url = "http://127.0.0.1:" + stub.getAddress().getPort() + "/internal";
        String code = "async function lambda() { const r = await require('lp-faas-toolbelt').HTTPClient().fetch('" + url + "');"
                + " return [r.status, await r.text()]; }";
        for (String internal : List.of("127.0.0.1", "localhost", "169.254.169.254", "2130706433", "10.0.0.1")) {
            Api.Answer refused = create("ssrf", "reach-" + internal.replace('.', '-'), code, List.of(internal));
            assertThat(refused.status()).as(internal + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.body().toString()).contains("/allowedDomains/0");
        }

        // docs/security.md: local stubs for tests and benchmarks.
        Path egress = installation.home.resolve(EGRESS_FILE);
        Files.writeString(egress, DocumentedExamples.of("security.md").configs().get(EGRESS_FILE));
        Poll.until("loopback is admitted", Duration.ofSeconds(30), () -> create("ssrf", "probe-" + System.nanoTime(),
                "async function lambda() { return 1; }", List.of("127.0.0.1")).status() == 201);
        String id = deploy("ssrf", "stub-caller", code, 10_000, List.of("127.0.0.1"));
        Api.Answer reached = invoke("ssrf", id);
        assertThat(reached.text("/outcome")).as(reached.body().toString()).isEqualTo("OK");
        assertThat(reached.body().at("/result").toString()).isEqualTo("[200,\"internal\"]");
        assertThat(create("ssrf", "metadata", code, List.of("169.254.169.254")).status()).as("other internal ranges stay refused")
                .isEqualTo(400);

        // The operator narrows the admitted networks: the function saved before is refused when it connects.
        Files.writeString(egress, "allowedPrivateNetworks=127.0.0.2/32\n");
        Poll.until("127.0.0.1 is no longer admitted", Duration.ofSeconds(30), () -> create("ssrf", "probe-" + System.nanoTime(),
                "async function lambda() { return 1; }", List.of("127.0.0.1")).status() == 400);
        int callsBefore = stubCalls.get();
        // The policy's change restarts the HTTP client (dropping connections checked under the old policy): until it is
        // back, a run finds no HTTPClient module; after, the connection is refused.
        Api.Answer[] last = new Api.Answer[1];
        Poll.until("the function's request is refused", Duration.ofSeconds(30), () -> {
            last[0] = invoke("ssrf", id);
            return last[0].text("/error/errorMsg").contains("may not reach");
        });
        assertThat(last[0].text("/outcome")).isEqualTo("ERROR");
        assertThat(last[0].text("/error/errorMsg")).contains("127.0.0.1 is a loopback address, which functions may not reach");
        assertThat(stubCalls.get()).as("no request reached the stub").isEqualTo(callsBefore);
    }

    /** Last: the thread that cannot be stopped keeps a core busy and /health unhealthy until the platform stops. */
    @Test
    @Order(4)
    void aRunThatCannotBeStoppedLeavesOtherTenantsTimeoutsWorkingAndIsReportedAndQuarantined() throws Exception {
        String stuck = deploy("alice", "overflow", OVERFLOW_IN_CATCH, 2_000, List.of());
        String loop = deploy("bob", "loop", "async function lambda() { for (;;) {} }", 1_000, List.of());

        long started = System.nanoTime();
        Api.Answer first = invoke("alice", stuck);
        Duration firstAnswered = Duration.ofNanos(System.nanoTime() - started);
        long loopStarted = System.nanoTime();
        Api.Answer other = invoke("bob", loop);
        Duration otherAnswered = Duration.ofNanos(System.nanoTime() - loopStarted);

        assertThat(first.text("/outcome")).as(first.body().toString()).isEqualTo("TIMEOUT");
        assertThat(first.text("/error/errorCode")).isEqualTo("com.switchboard.executor.unstoppable");
        assertThat(firstAnswered).as("answered after its 2 s deadline and the 5 s grace").isLessThan(Duration.ofSeconds(10));
        assertThat(other.text("/outcome")).as(other.body().toString()).isEqualTo("TIMEOUT");
        assertThat(other.text("/error/errorCode")).isEqualTo("com.switchboard.function.timeout");
        // Stopped at its 1 s timeout by the executor, not given up on by the caller after the 5 s grace (6 s, and another
        // error code): the bound leaves a loaded machine room for the new function's first context and the stop itself.
        assertThat(otherAnswered).as("another tenant's endless loop stops at its 1 s timeout").isLessThan(Duration.ofSeconds(5));

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + installation.port + "/health"))
                .header("Authorization", "Bearer " + ADMIN_KEY).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("could not be stopped");

        Api.Answer again = invoke("alice", stuck);
        assertThat(again.text("/outcome")).isEqualTo("REJECTED");
        assertThat(again.text("/error/errorCode")).isIn("com.switchboard.dispatch.quarantined", "com.switchboard.executor.unstoppable");
        assertThat(installation.log()).contains("could not be stopped");

        // Through a webhook the function runs on the request's own thread (no hand-over to a worker): the request goes
        // asynchronous, and the executor answers it from elsewhere when the run cannot be stopped, in LivePerson's shape.
        Api.Answer command = api.post("/accounts/carol/functions", "{\"name\": \"stuck\", \"eventType\": \"conversational_command\", "
                + "\"timeoutMs\": 2000, \"code\": " + Api.quote(OVERFLOW_IN_CATCH) + "}");
        assertThat(command.status()).as(command.body().toString()).isEqualTo(201);
        assertThat(api.post("/accounts/carol/functions/" + command.text("/id") + "/deploy", null).status()).isEqualTo(200);
        long posted = System.nanoTime();
        HttpResponse<String> rescued = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + installation.port
                        + "/events/conversational-commands/commands/stuck"))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("X-Switchboard-Account", "carol")
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"conversationId\": \"c-1\", \"arguments\": []}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Duration rescuedAfter = Duration.ofNanos(System.nanoTime() - posted);

        assertThat(rescued.statusCode()).as(rescued.body()).isEqualTo(901);
        assertThat(rescued.body()).contains("com.liveperson.faas.handler.executiontime-exceeded", "could not be stopped");
        assertThat(rescuedAfter).as("answered after its 2 s deadline and the 5 s grace, while the run goes on").isLessThan(Duration.ofSeconds(12));
        Poll.until("the run is recorded as one that could not be stopped", Duration.ofSeconds(30), () -> api.get(
                "/accounts/carol/functions/" + command.text("/id") + "/invocations").body().toString().contains("com.switchboard.executor.unstoppable"));
        assertThat(installation.log()).contains("Webhook /events/conversational-commands/commands/stuck: its function could not be stopped");
    }

    private Api.Answer create(String account, String name, String code, List<String> domains) {
        StringBuilder list = new StringBuilder("[");
        for (String domain : domains) {
            list.append(list.length() > 1 ? "," : "").append(Api.quote(domain));
        }
        return api.post("/accounts/" + account + "/functions", "{\"name\":" + Api.quote(name) + ",\"code\":" + Api.quote(code)
                + ",\"allowedDomains\":" + list + "]}");
    }

    private String deploy(String account, String name, String code, int timeoutMs, List<String> domains) {
        StringBuilder list = new StringBuilder("[");
        for (String domain : domains) {
            list.append(list.length() > 1 ? "," : "").append(Api.quote(domain));
        }
        Api.Answer created = api.post("/accounts/" + account + "/functions", "{\"name\":" + Api.quote(name) + ",\"timeoutMs\":" + timeoutMs
                + ",\"code\":" + Api.quote(code) + ",\"allowedDomains\":" + list + "]}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        Api.Answer deployed = api.post("/accounts/" + account + "/functions/" + created.text("/id") + "/deploy", null);
        assertThat(deployed.text("/state")).as(deployed.body().toString()).isEqualTo("PRODUCTIVE");
        return created.text("/id");
    }

    private Api.Answer invoke(String account, String id) {
        return api.post("/accounts/" + account + "/functions/" + id + "/invoke", "{\"payload\":{}}");
    }
}
