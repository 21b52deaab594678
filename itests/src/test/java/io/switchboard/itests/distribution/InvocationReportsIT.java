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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invocation reports, searches and exports through real HTTP against the packaged installation, with the retention
 * configuration of docs/operations.md written into etc/: the report counts what ran per LivePerson state, searches
 * filter on the server and refuse unknown filters, exports stream CSV and JSON lines up to the configured limit, and
 * an account over its configured record size is trimmed by the job.
 */
class InvocationReportsIT {

    private static final String ADMIN_KEY = "reports-admin-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Installation installation;
    private static Api api;
    private static DocumentedExamples docs;
    private static String hello;
    private static String boom;

    @BeforeAll
    static void startWithTheDocumentedRetention() throws Exception {
        Assumptions.assumeTrue(TestPostgres.skipReason().isEmpty(), () -> TestPostgres.skipReason().orElse(""));
        installation = Installation.copy(Path.of(System.getProperty("switchboard.itest.work"), "reports"));
        installation.usePostgresWhenTheRunIsForIt();
        docs = DocumentedExamples.of("operations.md");
        for (String file : List.of("etc/io.switchboard.core.invocations.cfg", "etc/io.switchboard.core.quotas.cfg")) {
            String config = docs.configs().get(file);
            assertThat(config).as(file + " in docs/operations.md").isNotNull();
            Files.writeString(installation.home.resolve(file), config);
        }
        Installation.Result start = installation.run("start", Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY), Duration.ofSeconds(120));
        assertThat(start.exitCode()).as(start.output()).isZero();
        Poll.until("/health answers 200", Duration.ofSeconds(60), installation::healthy);
        api = new Api("http://127.0.0.1:" + installation.port + "/api/v1", ADMIN_KEY);
        hello = deploy("acme", "hello", "async function lambda(input) { console.info('greeting ' + input.payload.name); return {text: 'hello ' + input.payload.name}; }");
        boom = deploy("acme", "boom", "async function lambda(input) { console.warn('about to fail'); throw new Error('boom, said ' + input.payload.name); }");
        for (int i = 0; i < 20; i++) {
            assertThat(invoke(hello, "Ada").status()).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            invoke(boom, "Bob");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (installation != null) {
            installation.close();
        }
    }

    private static String deploy(String account, String name, String code) {
        Api.Answer created = api.post("/accounts/" + account + "/functions", "{\"name\": " + Api.quote(name) + ", \"code\": " + Api.quote(code) + "}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.text("/id");
        assertThat(api.post("/accounts/" + account + "/functions/" + id + "/deploy", null).status()).isEqualTo(200);
        return id;
    }

    private static Api.Answer invoke(String id, String name) {
        return invokeIn("acme", id, name);
    }

    private static Api.Answer invokeIn(String account, String id, String name) {
        return api.post("/accounts/" + account + "/functions/" + id + "/invoke", "{\"payload\": {\"name\": " + Api.quote(name) + "}}");
    }

    private static HttpResponse<String> raw(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + installation.port + "/api/v1" + path))
                .header("Authorization", "Bearer " + ADMIN_KEY).timeout(Duration.ofSeconds(30));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theReportCountsEveryRunPerStateWithPercentiles() {
        JsonNode hour = api.get("/accounts/acme/functions/" + hello + "/report?range=1h").body();
        JsonNode failing = api.get("/accounts/acme/functions/" + boom + "/report?range=30d").body();

        assertThat(hour.path("buckets").size()).isEqualTo(60);
        assertThat(hour.path("bucketSeconds").asLong()).isEqualTo(60);
        assertThat(hour.at("/totals/SUCCEEDED").asLong()).isEqualTo(20);
        assertThat(hour.at("/durations/count").asLong()).isEqualTo(20);
        assertThat(hour.at("/durations/p50").isIntegralNumber()).as(hour.toString()).isTrue();
        assertThat(hour.at("/durations/p99").asLong()).isGreaterThanOrEqualTo(hour.at("/durations/p50").asLong());
        long inBuckets = 0;
        for (JsonNode bucket : hour.path("buckets")) {
            inBuckets += bucket.at("/counts/SUCCEEDED").asLong();
        }
        assertThat(inBuckets).isEqualTo(20);
        assertThat(failing.path("buckets").size()).isEqualTo(120);
        assertThat(failing.at("/totals/CODING_FAILURE").asLong()).isEqualTo(3);
        assertThat(failing.at("/totals/SUCCEEDED").asLong()).isZero();

        Api.Answer bad = api.get("/accounts/acme/functions/" + hello + "/report?range=90d");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().at("/errors/0/field").asText()).isEqualTo("range");
    }

    @Test
    void searchesFilterOnTheServerAndRefuseUnknownFilters() {
        assertThat(api.get("/accounts/acme/invocations?outcome=ERROR").body().path("total").asLong()).isEqualTo(3);
        assertThat(api.get("/accounts/acme/invocations?level=WARN&text=BOB").body().path("total").asLong()).isEqualTo(3);
        assertThat(api.get("/accounts/acme/functions/" + hello + "/invocations?text=greeting%20ada&trigger=EXTERNAL&version=1")
                .body().path("total").asLong()).isEqualTo(20);
        assertThat(api.get("/accounts/acme/functions/" + hello + "/invocations?to=2020-01-01T00:00:00Z").body().path("total").asLong()).isZero();

        Api.Answer ignoredBefore = api.get("/accounts/acme/functions/" + hello + "/invocations?outcome=FINE");
        assertThat(ignoredBefore.status()).isEqualTo(400);
        assertThat(ignoredBefore.body().at("/errors/0/field").asText()).isEqualTo("outcome");
        assertThat(api.get("/accounts/acme/invocations?levle=WARN").body().at("/errors/0/field").asText()).isEqualTo("levle");
    }

    @Test
    void exportsStreamCsvAndJsonLinesUpToTheConfiguredLimit() throws Exception {
        HttpResponse<String> csv = raw("/accounts/acme/invocations?outcome=ERROR", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("X-Export-Limit")).as("maxExportRecords of the documented etc/ file").hasValue("50000");
        assertThat(csv.headers().firstValue("Transfer-Encoding")).as("streamed, not a body of known length").hasValue("chunked");
        List<String> rows = csv.body().lines().toList();
        assertThat(rows).hasSize(4);
        assertThat(rows.subList(1, 4)).allSatisfy(row -> assertThat(row).contains(boom, "CODING_FAILURE", "boom, said Bob"));

        HttpResponse<String> lines = raw("/accounts/acme/functions/" + hello + "/invocations?format=ndjson", null);
        assertThat(lines.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        List<String> records = lines.body().lines().toList();
        assertThat(records).hasSize(20);
        assertThat(JSON.readTree(records.get(0)).path("result").path("text").asText()).isEqualTo("hello Ada");

        DocumentedExamples.Example example = docs.example("report-and-export");
        DocumentedExamples.Run run = DocumentedExamples.run(example, installation.port, Map.of("KEY", ADMIN_KEY, "FN", hello));
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output().lines().map(String::strip).toList()).containsExactlyElementsOf(example.expected());
    }

    @Test
    void anAccountOverItsConfiguredRecordSizeIsTrimmedByTheJob() throws Exception {
        String chatty = deploy("trial", "chatty", "async function lambda(input) { console.info('x'.repeat(300)); return 'y'.repeat(300); }");
        for (int i = 0; i < 120; i++) {
            assertThat(invokeIn("trial", chatty, "Eve").status()).isEqualTo(200);
        }
        // maxRecordBytes 20000 for trial (etc/io.switchboard.core.quotas.cfg), checked every 5 s: each record holds over
        // 600 characters, so fewer than 34 fit; the oldest go first.
        Poll.until("the trial account is trimmed to its record size", Duration.ofSeconds(60),
                () -> api.get("/accounts/trial/functions/" + chatty + "/invocations").body().path("total").asLong() < 34);
        assertThat(api.get("/accounts/acme/invocations").body().path("total").asLong()).as("other accounts keep theirs").isEqualTo(23);
        assertThat(api.get("/accounts/trial/functions/" + chatty + "/report?range=1h").body().at("/totals/SUCCEEDED").asLong())
                .as("the report keeps counting what ran").isEqualTo(120);
    }
}
