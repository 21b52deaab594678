package io.switchboard.api.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.InvocationFilter;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InvocationSearchApiTest {
    private static final String KEY = "acme-key";
    private static final String BASE = "/api/v1/accounts/acme/functions";

    private final FakeCore core = new FakeCore();
    private final HttpClient client = HttpClient.newHttpClient();
    private ApiServer server;
    private String echo;
    private String failing;

    @BeforeEach
    void start() throws Exception {
        server = ApiServer.start(core, new ApiSettings(1_048_576, 20, 100));
        echo = deployed("echo", "c");
        failing = deployed("failing", "throw new Error()");
        server.post(BASE + "/" + echo + "/invoke", KEY, "{\"payload\": {\"n\": 1}}");
        server.post(BASE + "/" + echo + "/invoke", KEY, "{\"payload\": {\"n\": 2}}");
        server.post(BASE + "/" + failing + "/invoke", KEY, "{}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String deployed(String name, String code) {
        String id = server.post(BASE, KEY, "{\"name\":\"" + name + "\",\"code\":\"" + code + "\"}").json().get("id").asText();
        server.post(BASE + "/" + id + "/deploy", KEY, null);
        return id;
    }

    private HttpResponse<String> raw(String path, String accept) throws IOException, InterruptedException {
        var request = server.request(path, KEY);
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyFilterReachesTheCoreParsed() {
        ApiServer.Reply reply = server.get(BASE + "/" + echo + "/invocations?outcome=ok,error&trigger=EVENT&version=2"
                + "&from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z&level=warn&text=order%20100%25", KEY);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(core.lastFilter).isEqualTo(new InvocationFilter(Set.of(Outcome.OK, Outcome.ERROR), Set.of(Trigger.EVENT), 2,
                Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-06-02T00:00:00Z"), LogLevel.WARN, "order 100%"));
    }

    @Test
    void theAccountWideSearchAnswersEveryFunctionsRecordsFiltered() {
        JsonNode all = server.get("/api/v1/accounts/acme/invocations", KEY).json();
        JsonNode errors = server.get("/api/v1/accounts/acme/invocations?outcome=ERROR", KEY).json();

        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(errors.get("total").asLong()).isEqualTo(1);
        assertThat(errors.get("items").get(0).get("functionId").asText()).isEqualTo(failing);
    }

    @Test
    void unknownValuesAndParametersAreProblemsNamingTheParameter() {
        assertProblem(BASE + "/" + echo + "/invocations?outcome=FINE", "outcome", "must be one of OK, ERROR, TIMEOUT, REJECTED");
        assertProblem("/api/v1/accounts/acme/invocations?trigger=cron", "trigger", "was 'cron'");
        assertProblem("/api/v1/accounts/acme/invocations?version=-1", "version", "version number");
        assertProblem("/api/v1/accounts/acme/invocations?from=yesterday", "from", "ISO-8601");
        assertProblem("/api/v1/accounts/acme/invocations?level=LOUD", "level", "DEBUG, INFO, WARN, ERROR");
        assertProblem("/api/v1/accounts/acme/invocations?outcom=OK", "outcom", "is not a parameter");
        assertProblem("/api/v1/accounts/acme/invocations?format=xml", "format", "json, csv, ndjson");
        assertProblem("/api/v1/accounts/acme/invocations?from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z", "from", "before 'to'");
        assertProblem("/api/v1/accounts/acme/invocations?text=" + "x".repeat(201), "text", "at most 200");
    }

    private void assertProblem(String path, String field, String message) {
        ApiServer.Reply reply = server.get(path, KEY);
        assertThat(reply.status()).as(path).isEqualTo(400);
        assertThat(reply.response().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(reply.json().get("errors").findValuesAsText("field")).as(path).contains(field);
        assertThat(reply.json().get("errors").toString()).as(path).contains(message);
    }

    @Test
    void csvIsExportedByAcceptHeaderOrFormatWithAHeaderRowAndTheLimit() throws Exception {
        HttpResponse<String> byAccept = raw("/api/v1/accounts/acme/invocations", "text/csv");
        HttpResponse<String> byFormat = raw("/api/v1/accounts/acme/invocations?format=csv&outcome=ERROR", null);

        assertThat(byAccept.statusCode()).isEqualTo(200);
        assertThat(byAccept.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(byAccept.headers().firstValue("X-Export-Limit")).hasValue("3");
        assertThat(byAccept.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"invocations-acme.csv\"");
        List<String> lines = byAccept.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("id,functionId,version,eventType,trigger,startedAt,durationMs,outcome,state,errorCode,errorMessage,result,logs");
        assertThat(byFormat.body()).contains("CODING_FAILURE", "com.switchboard.function.error", failing).doesNotContain(echo);
        assertThat(byFormat.body().split("\r\n")).hasSize(2);
    }

    @Test
    void jsonLinesAreOneRecordPerLine() throws Exception {
        HttpResponse<String> reply = raw(BASE + "/" + echo + "/invocations", "application/x-ndjson");

        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
        List<String> lines = reply.body().lines().toList();
        assertThat(lines).hasSize(2);
        ObjectMapper mapper = new ObjectMapper();
        for (String line : lines) {
            assertThat(mapper.readTree(line).get("functionId").asText()).isEqualTo(echo);
        }
    }

    @Test
    void anExportOfAMissingFunctionIsAProblemNotAnEmptyFile() throws Exception {
        HttpResponse<String> reply = raw(BASE + "/fn-404/invocations", "text/csv");
        assertThat(reply.statusCode()).isEqualTo(404);
        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void theReportAnswersBucketsPerStateAndABadRangeIsAProblem() {
        JsonNode report = server.get(BASE + "/" + failing + "/report?range=7d", KEY).json();

        assertThat(report.get("range").asText()).isEqualTo("7d");
        assertThat(report.get("bucketSeconds").asLong()).isEqualTo(3_600);
        assertThat(report.get("totals").get("CODING_FAILURE").asLong()).isEqualTo(1);
        assertThat(report.get("totals").get("SUCCEEDED").asLong()).isZero();
        assertThat(report.get("buckets").get(0).get("counts").get("CODING_FAILURE").asLong()).isEqualTo(1);
        assertThat(report.get("durations").get("p95").asLong()).isEqualTo(20);

        ApiServer.Reply bad = server.get(BASE + "/" + failing + "/report?range=2h", KEY);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValuesAsText("field")).containsExactly("range");
        assertThat(bad.json().get("detail").asText()).contains("1h, 24h, 7d, 30d");
        assertThat(server.get(BASE + "/fn-404/report", KEY).status()).isEqualTo(404);
        assertThat(server.get(BASE + "/" + failing + "/report", "globex-key").status()).isEqualTo(404);
    }
}
