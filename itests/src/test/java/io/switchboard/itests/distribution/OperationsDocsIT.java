package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.itests.Api;
import io.switchboard.itests.TestPostgres;
import io.switchboard.itests.security.DocumentedExamples;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md against the packaged installation with its configuration written into etc/: a platform loaded with
 * successful, failing, refused (429), quarantined and dead-lettered runs and webhooks is scraped by Prometheus' rules
 * (the scrape token), and the scrape shows every metric the document lists with the account's labels; the examples run
 * as written; every metric the sample Grafana dashboard queries is in the scrape.
 */
class OperationsDocsIT {

    private static final String ADMIN_KEY = "operations-admin-key-0123456789";
    private static final String SCRAPE_TOKEN = "prometheus-scrape-token-change-me";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Installation installation;
    private static Api api;
    private static DocumentedExamples docs;
    private static String hello;
    private static String boom;
    private static String slow;
    private static String spinner;
    private static String failsAtEnd;

    @BeforeAll
    static void startWithTheDocumentedConfiguration() throws Exception {
        Assumptions.assumeTrue(TestPostgres.skipReason().isEmpty(), () -> TestPostgres.skipReason().orElse(""));
        installation = Installation.copy(Path.of(System.getProperty("switchboard.itest.work"), "operations"));
        installation.usePostgresWhenTheRunIsForIt();
        docs = DocumentedExamples.of("operations.md");
        String metricsConfig = docs.configs().get("etc/io.switchboard.metrics.cfg");
        assertThat(metricsConfig).contains("scrapeToken = " + SCRAPE_TOKEN);
        Files.writeString(installation.home.resolve("etc/io.switchboard.metrics.cfg"), metricsConfig);
        // The JSON log layout and console lines copied to the server log, as the document writes them.
        for (String file : List.of("etc/logback.xml", "etc/io.switchboard.core.logs.cfg")) {
            String config = docs.configs().get(file);
            assertThat(config).as(file + " in docs/operations.md").isNotNull();
            Files.writeString(installation.home.resolve(file), config);
        }
        // One run of a function at a time (for a 429) and quick retries (for a dead letter within the test).
        Files.writeString(installation.home.resolve("etc/io.switchboard.core.dispatch.cfg"), "maxConcurrentPerFunction = 1\nasyncBackoffMs = 50\n");
        Installation.Result start = installation.run("start", Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY), Duration.ofSeconds(120));
        assertThat(start.exitCode()).as(start.output()).isZero();
        Poll.until("/health answers 200", Duration.ofSeconds(60), installation::healthy);
        api = new Api("http://127.0.0.1:" + installation.port + "/api/v1", ADMIN_KEY);
        load();
    }

    @AfterAll
    static void stop() throws Exception {
        if (installation != null) {
            installation.close();
        }
    }

    private static String deploy(String name, String eventType, int timeoutMs, String code) {
        Api.Answer created = api.post("/accounts/acme/functions", "{\"name\": " + Api.quote(name) + ", \"code\": " + Api.quote(code)
                + (eventType == null ? "" : ", \"eventType\": " + Api.quote(eventType)) + ", \"timeoutMs\": " + timeoutMs + "}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.text("/id");
        assertThat(api.post("/accounts/acme/functions/" + id + "/deploy", null).status()).isEqualTo(200);
        return id;
    }

    private static Api.Answer invoke(String id) {
        return api.post("/accounts/acme/functions/" + id + "/invoke", "{\"payload\": {\"name\": \"Ada\"}}");
    }

    private static HttpResponse<String> scrape(String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + installation.port + "/metrics"))
                .timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String scrapeBody() {
        try {
            HttpResponse<String> response = scrape(SCRAPE_TOKEN);
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Successful, failing, refused, quarantined and dead-lettered runs, and webhooks accepted and rejected. */
    private static void load() throws Exception {
        hello = deploy("hello", null, 10_000, "async function lambda(input) { return {text: 'hello ' + input.payload.name}; }");
        boom = deploy("boom", null, 10_000, "async function lambda(input) { throw new Error('boom'); }");
        slow = deploy("slow", null, 10_000, "async function lambda(input) { const end = Date.now() + 3000; while (Date.now() < end) {} return 1; }");
        spinner = deploy("spinner", null, 1500, "async function lambda(input) { while (true) {} }");
        failsAtEnd = deploy("fails-at-end", "controllerbot_messaging_conversation_end", 10_000,
                "function lambda(input, callback) { callback(new Error('cannot close')); }");
        for (int i = 0; i < 20; i++) {
            assertThat(invoke(hello).status()).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            invoke(boom);
        }
        // A run in flight holds the function's one permit: the next call is refused with 429.
        CompletableFuture<Api.Answer> running = CompletableFuture.supplyAsync(() -> invoke(slow));
        Poll.until("the slow run is in flight", Duration.ofSeconds(20),
                () -> scrapeBody().contains("switchboard_invocations_in_flight{account=\"acme\"} 1"));
        assertThat(invoke(slow).status()).isEqualTo(429);
        assertThat(running.get().status()).isEqualTo(200);
        // Quarantined once the executor stopped it while it kept its thread busy enough on CPU (on a loaded machine a run
        // may get too little of a core to count as busy: it is run again until one does).
        Poll.until("the spinner is quarantined", Duration.ofSeconds(60), () -> {
            assertThat(invoke(spinner).text("/outcome")).isIn("TIMEOUT", "REJECTED");
            return scrapeBody().contains("switchboard_quarantines_total{account=\"acme\",function=\"" + spinner + "\"} 1.0");
        });
        // Webhooks: an accepted asynchronous event whose function fails every attempt, and a rejected call.
        Webhook webhook = new Webhook(installation, ADMIN_KEY);
        assertThat(webhook.post(Webhook.CONVERSATION_END, "acme", Webhook.sample(api, "controllerbot_messaging_conversation_end").toString())
                .status()).isEqualTo(202);
        assertThat(webhook.post(Webhook.CONVERSATION_END, "acme", "{\"truncated\": ").status()).isEqualTo(400);
        // The queue's gauges are read at most once a second: polled until they show the dead letter too.
        Poll.until("the failing task is dead-lettered", Duration.ofSeconds(60), () -> {
            String scrape = scrapeBody();
            return scrape.contains("switchboard_async_dead_lettered_total{account=\"acme\",event_type=\"controllerbot_messaging_conversation_end\"} 1.0")
                    && scrape.contains("switchboard_async_dead_letters 1.0") && scrape.contains("switchboard_async_queue_pending 0.0");
        });

    }

    @Test
    void aScrapeOfALoadedPlatformShowsEveryDocumentedMetric() throws Exception {
        int retries = api.get("/event-types/controllerbot_messaging_conversation_end").body().path("retries").asInt();
        assertThat(retries).isPositive();
        String scrape = scrapeBody();
        assertThat(scrape)
                .contains("switchboard_invocations_total{account=\"acme\",function=\"" + hello + "\",outcome=\"OK\",trigger=\"EXTERNAL\"} 20.0")
                .contains("switchboard_invocations_total{account=\"acme\",function=\"" + boom + "\",outcome=\"ERROR\",trigger=\"EXTERNAL\"} 3.0")
                .containsPattern("switchboard_invocations_total\\{account=\"acme\",function=\"" + spinner + "\",outcome=\"TIMEOUT\",trigger=\"EXTERNAL\"} [1-9]")
                .contains("switchboard_invocations_total{account=\"acme\",function=\"" + failsAtEnd + "\",outcome=\"ERROR\",trigger=\"EVENT\"} " + (retries + 1) + ".0")
                .contains("switchboard_invocation_duration_seconds_count{account=\"acme\",function=\"" + hello + "\"} 20")
                .containsPattern("switchboard_invocation_duration_seconds_bucket\\{account=\"acme\",function=\"" + slow + "\",le=\"5\\.0\"} 1")
                .contains("switchboard_invocations_in_flight{account=\"acme\"} 0")
                .contains("switchboard_capacity_exceeded_total{account=\"acme\",function=\"" + slow + "\"} 1.0")
                .contains("switchboard_quarantines_total{account=\"acme\",function=\"" + spinner + "\"} 1.0")
                .contains("switchboard_async_retries_total{account=\"acme\",event_type=\"controllerbot_messaging_conversation_end\"} " + retries + ".0")
                .contains("switchboard_async_dead_letters 1.0")
                .contains("switchboard_async_queue_pending 0.0")
                .contains("switchboard_async_queue_oldest_age_seconds 0.0")
                .contains("switchboard_http_requests_seconds_count{ingress=\"webhook\",source=\"system-messages\",status=\"202\"} 1")
                .contains("switchboard_http_requests_seconds_count{ingress=\"webhook\",source=\"system-messages\",status=\"400\"} 1")
                .contains("switchboard_http_requests_seconds_count{ingress=\"api\",source=\"\",status=\"429\"} 1")
                .contains("jvm_memory_used_bytes{")
                .contains("jvm_threads_live_threads ");
        assertThat(gauge(scrape, "hikaricp_connections{pool=\"switchboard-core\"}")).as("the pool's MBean is read").isGreaterThanOrEqualTo(1);
        assertThat(gauge(scrape, "jetty_threads_config_max")).as("Jetty's MBeans are read").isGreaterThan(0);
        assertThat(gauge(scrape, "jetty_threads_busy")).as("this scrape's own thread").isGreaterThanOrEqualTo(1);

        DocumentedExamples.Run documented = DocumentedExamples.run(docs.example("metrics-scrape"), installation.port, Map.of("KEY", ADMIN_KEY));
        assertThat(documented.exitCode()).as(documented.output()).isZero();
        assertThat(documented.output()).contains("switchboard_invocations_total{account=\"acme\",function=\"" + hello + "\",outcome=\"OK\"");
    }

    @Test
    void onlyTheAdminKeyAndTheScrapeTokenMayScrape() throws Exception {
        String accountKey = api.post("/accounts/acme/keys", null).text("/key");

        assertThat(scrape(null).statusCode()).isEqualTo(401);
        assertThat(scrape(accountKey).statusCode()).isEqualTo(401);
        assertThat(scrape("not-the-token").statusCode()).isEqualTo(401);
        assertThat(scrape(ADMIN_KEY).statusCode()).isEqualTo(200);
        HttpResponse<String> token = scrape(SCRAPE_TOKEN);
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(api.get("/event-types").status()).isEqualTo(200);
        assertThat(new Api("http://127.0.0.1:" + installation.port + "/api/v1", SCRAPE_TOKEN).get("/event-types").status())
                .as("the scrape token is no API key").isEqualTo(401);
    }

    @Test
    void theDocumentsExamplesRunAsWritten() throws Exception {
        for (String name : new String[] {"metrics-without-key", "health-status", "health-details"}) {
            DocumentedExamples.Example example = docs.example(name);
            DocumentedExamples.Run run = DocumentedExamples.run(example, installation.port, Map.of("KEY", ADMIN_KEY));
            assertThat(run.exitCode()).as(name + ": " + run.output()).isZero();
            assertThat(run.output().lines().map(String::strip).toList()).as(name).containsExactlyElementsOf(example.expected());
        }
    }

    @Test
    void everyMetricTheGrafanaDashboardQueriesIsInAScrape() throws Exception {
        JsonNode dashboard = JSON.readTree(DocExamples.docs().resolve("grafana-dashboard.json").toFile());
        Set<String> queried = new TreeSet<>();
        Pattern metric = Pattern.compile("\\b((?:switchboard|jvm|jetty|hikaricp|process)_[a-z_]+)");
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = metric.matcher(target.path("expr").asText());
                while (m.find()) {
                    queried.add(m.group(1));
                }
            }
        }
        assertThat(queried).hasSizeGreaterThan(15);
        // Counted only once a schedule fires (at most once a minute); InvocationMetricsTest shows it counted.
        queried.remove("switchboard_schedule_runs_total");
        String scrape = scrapeBody();
        for (String name : queried) {
            assertThat(scrape).as("the dashboard queries " + name).containsPattern("(?m)^" + name + "[{ ]");
        }
    }

    @Test
    void theJsonLayoutWritesAFunctionsConsoleLineWithTheRunsIdsInTheMdc() throws Exception {
        String logger = deploy("logger", null, 10_000, "async function lambda(input) { console.log('hello from acme'); return 1; }");
        String invocation = invoke(logger).text("/invocationId");
        Path json = installation.home.resolve("logs/switchboard.json");
        JsonNode[] found = new JsonNode[1];
        Poll.until("the console line is in " + json, Duration.ofSeconds(30), () -> {
            try {
                if (!Files.exists(json)) {
                    return false;
                }
                for (String line : Files.readAllLines(json)) {
                    JsonNode entry = JSON.readTree(line);
                    if (entry.path("loggerName").asText().equals("io.switchboard.function.console")
                            && entry.path("formattedMessage").asText().equals("INFO hello from acme")) {
                        found[0] = entry;
                        return true;
                    }
                }
                return false;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(found[0].path("level").asText()).isEqualTo("INFO");
        assertThat(found[0].at("/mdc/account").asText()).isEqualTo("acme");
        assertThat(found[0].at("/mdc/function").asText()).isEqualTo(logger);
        assertThat(found[0].at("/mdc/invocation").asText()).isEqualTo(invocation);
        // The run's W3C trace id (a new trace: the call sent no traceparent), as its record keeps it.
        assertThat(found[0].at("/mdc/trace").asText()).matches("[0-9a-f]{32}")
                .isEqualTo(api.get("/accounts/acme/invocations/" + invocation).text("/traceId"));
        for (String line : Files.readAllLines(json)) {
            assertThat(JSON.readTree(line).path("level").isTextual()).as("every line is a JSON object: " + line).isTrue();
        }
    }

    /** The value of the one sample whose line starts with the series (name and labels as the scrape writes them). */
    private static double gauge(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " ")).mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + series + " in the scrape"));
    }
}
