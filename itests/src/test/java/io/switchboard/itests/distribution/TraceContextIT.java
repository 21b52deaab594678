package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.itests.Api;
import io.switchboard.itests.TestPostgres;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * W3C trace context and the routes' metrics against the packaged installation: a webhook posted with a traceparent
 * runs its (asynchronous) function in that trace: the record keeps the trace id, and the function's outbound HTTPClient
 * call to a stub inside the allow-list carries the same trace with a span of the run's own; a malformed traceparent
 * is ignored (a new trace, never a 500); the API's invoke takes one too; the webhook's route is counted in /metrics.
 */
class TraceContextIT {

    private static final String ADMIN_KEY = "trace-context-admin-key-0123456789";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Installation installation;
    private static Api api;
    private static Webhook webhook;
    private static HttpServer stub;
    private static final BlockingQueue<String> stubTraceparents = new LinkedBlockingQueue<>();
    private static String atEnd;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(TestPostgres.skipReason().isEmpty(), () -> TestPostgres.skipReason().orElse(""));
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/traced", exchange -> {
            String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
            stubTraceparents.add(traceparent == null ? "(none)" : traceparent);
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        installation = Installation.copy(Path.of(System.getProperty("switchboard.itest.work"), "trace-context"));
        installation.usePostgresWhenTheRunIsForIt();
        // The stub listens on loopback, which functions may not reach unless the operator admits it (docs/security.md).
        Files.writeString(installation.home.resolve("etc/io.switchboard.core.egress.cfg"), "allowedPrivateNetworks=127.0.0.0/8\n");
        Installation.Result started = installation.run("start", Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY), Duration.ofSeconds(120));
        assertThat(started.exitCode()).as(started.output()).isZero();
        Poll.until("/health answers 200", DEADLINE, installation::healthy);
        api = new Api("http://127.0.0.1:" + installation.port + "/api/v1", ADMIN_KEY);
        webhook = new Webhook(installation, ADMIN_KEY);
        String code = "const { Toolbelt } = require('lp-faas-toolbelt');\n"
                + "async function lambda(input) {\n"
                + "  await Toolbelt.HTTPClient()('" + "http://127.0.0.1:" + stub.getAddress().getPort() + "/traced', { json: true });\n"
                + "  return [];\n"
                + "}";
        Api.Answer created = api.post("/accounts/acme/functions", "{\"name\": \"at-end\", \"eventType\": \"controllerbot_messaging_conversation_end\", "
                + "\"allowedDomains\": [\"127.0.0.1\"], \"code\": " + Api.quote(code) + "}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        atEnd = created.text("/id");
        assertThat(api.post("/accounts/acme/functions/" + atEnd + "/deploy", null).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (installation != null) {
            installation.close();
        }
        if (stub != null) {
            stub.stop(0);
        }
    }

    /** Ids of the records {@link #newestRecordOnceThereAre} returned so far. */
    private static final java.util.Set<String> SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * The function's record that is new since the last call, once there are {@code count}: the one no earlier call
     * returned (two runs may start within the same millisecond, so the listing's order alone cannot tell the newest).
     */
    private static JsonNode newestRecordOnceThereAre(int count) throws InterruptedException {
        JsonNode[] newest = new JsonNode[1];
        Poll.until(count + " records of the function", DEADLINE, () -> {
            JsonNode page = api.get("/accounts/acme/functions/" + atEnd + "/invocations?size=" + count).body();
            if (page.path("total").asInt() < count) {
                return false;
            }
            for (JsonNode item : page.path("items")) {
                if (!SEEN.contains(item.path("id").asText())) {
                    newest[0] = item;
                }
            }
            return newest[0] != null;
        });
        SEEN.add(newest[0].path("id").asText());
        return newest[0];
    }

    private static String nextStubTraceparent() throws InterruptedException {
        String traceparent = stubTraceparents.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(traceparent).as("the function's outbound call reached the stub").isNotNull();
        return traceparent;
    }

    @Test
    void aWebhooksTraceIsKeptInTheRecordAndSentOnByTheFunctionsOutboundCall() throws Exception {
        // One test, in order: each step adds one record of the same function.
        String sample = Webhook.sample(api, "controllerbot_messaging_conversation_end").toString();
        Api.Answer accepted = webhook.post(Webhook.CONVERSATION_END, "acme", sample, "traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01");
        assertThat(accepted.status()).isEqualTo(202);

        String sent = nextStubTraceparent();
        assertThat(sent).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01").doesNotContain(CALLER_SPAN);
        JsonNode record = newestRecordOnceThereAre(1);
        assertThat(record.path("outcome").asText()).as(record.toString()).isEqualTo("OK");
        assertThat(record.path("traceId").asText()).isEqualTo(TRACE_ID);

        // A malformed traceparent is ignored: the run is in a trace of its own, the call is not refused.
        Api.Answer malformed = webhook.post(Webhook.CONVERSATION_END, "acme", sample, "traceparent", "00-NOT-A-TRACE-01");
        assertThat(malformed.status()).isEqualTo(202);
        String fresh = nextStubTraceparent();
        JsonNode second = newestRecordOnceThereAre(2);
        assertThat(second.path("traceId").asText()).matches("[0-9a-f]{32}").isNotEqualTo(TRACE_ID);
        assertThat(fresh).startsWith("00-" + second.path("traceId").asText() + "-");

        // The API takes the header too.
        HttpResponse<String> invoked = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + installation.port
                        + "/api/v1/accounts/acme/functions/" + atEnd + "/invoke"))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"payload\": {}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(invoked.statusCode()).as(invoked.body()).isEqualTo(200);
        assertThat(nextStubTraceparent()).startsWith("00-0af7651916cd43dd8448eb211c80319c-").doesNotContain("b7ad6b7169203331");
        String tracedCall = new com.fasterxml.jackson.databind.ObjectMapper().readTree(invoked.body()).path("invocationId").asText();
        assertThat(recorded(tracedCall).path("traceId").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        String untracedCall = api.post("/accounts/acme/functions/" + atEnd + "/invoke", "{}").text("/invocationId");
        assertThat(nextStubTraceparent()).startsWith("00-" + recorded(untracedCall).path("traceId").asText() + "-")
                .as("a call without a trace gets a new one").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    /** The invocation's record, once written (records are written behind the run). */
    private static JsonNode recorded(String invocationId) throws InterruptedException {
        Poll.until("the record of " + invocationId, DEADLINE, () -> api.get("/accounts/acme/invocations/" + invocationId).status() == 200);
        return api.get("/accounts/acme/invocations/" + invocationId).body();
    }

    @Test
    void theWebhooksRouteIsCountedInTheMetrics() throws Exception {
        // Another account, without functions: the route runs all the same, and the other test's runs stay its own.
        Api.Answer accepted = webhook.post(Webhook.CONVERSATION_END, "globex", Webhook.sample(api, "controllerbot_messaging_conversation_end").toString());
        assertThat(accepted.status()).isEqualTo(202);
        Poll.until("the route's exchanges in /metrics", DEADLINE, () -> scrape().lines()
                .anyMatch(line -> line.matches("switchboard_camel_exchanges_total\\{context=\"switchboard-switchboard\\.source\\.system-messages-\\d+\",route=\"[^\"]+\"} [1-9][0-9]*\\.0")));
        String scrape = scrape();
        assertThat(scrape).containsPattern("switchboard_camel_exchanges_failed_total\\{context=\"switchboard-switchboard\\.source\\.system-messages-\\d+\",route=\"[^\"]+\"} ")
                .containsPattern("switchboard_camel_exchange_duration_seconds_count\\{context=\"switchboard-switchboard\\.source\\.system-messages-\\d+\",route=\"[^\"]+\"} [1-9]");
    }

    private static String scrape() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + installation.port + "/metrics"))
                    .header("Authorization", "Bearer " + ADMIN_KEY).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
