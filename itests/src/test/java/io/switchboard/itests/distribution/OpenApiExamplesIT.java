package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.itests.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description against the packaged installation: it is served at /api/v1/openapi.json as the bundle ships
 * it; every operation with examples is sent as its examples say (path parameters, request body) and answers the
 * documented status with a body of the example's shape (every member the example names, of the same JSON type; strings
 * and numbers equal unless the example writes "..."); Swagger UI is served at /api/docs from the bundle.
 */
class OpenApiExamplesIT {

    private static final String ADMIN_KEY = "openapi-admin-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path DESCRIPTION = Path.of(System.getProperty("user.dir"))
            .resolve("../bundles/api-http/src/main/resources/io/switchboard/api/http/internal/resource/openapi.json").normalize();

    private static Installation installation;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(TestPostgres.skipReason().isEmpty(), () -> TestPostgres.skipReason().orElse(""));
        installation = Installation.copy(Path.of(System.getProperty("switchboard.itest.work"), "openapi"));
        installation.usePostgresWhenTheRunIsForIt();
        Installation.Result started = installation.run("start", Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY), Duration.ofSeconds(120));
        assertThat(started.exitCode()).as(started.output()).isZero();
        Poll.until("/health answers 200", Duration.ofSeconds(60), installation::healthy);
    }

    @AfterAll
    static void stop() throws Exception {
        if (installation != null) {
            installation.close();
        }
    }

    private static HttpResponse<String> send(String method, String path, String body, boolean key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + installation.port + path))
                .timeout(Duration.ofSeconds(30)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key) {
            request.header("Authorization", "Bearer " + ADMIN_KEY);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDescriptionIsServedAsTheBundleShipsItAndOnlyWithAKey() throws Exception {
        HttpResponse<String> served = send("GET", "/api/v1/openapi.json", null, true);

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(served.body())).isEqualTo(JSON.readTree(DESCRIPTION.toFile()));
        assertThat(send("GET", "/api/v1/openapi.json", null, false).statusCode()).isEqualTo(401);
    }

    @Test
    void everyExampleOfTheDescriptionIsAnsweredAsDocumented() throws Exception {
        JsonNode description = JSON.readTree(DESCRIPTION.toFile());
        List<Map.Entry<String, JsonNode>> withExamples = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = description.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op -> {
                if (!successExample(op.getValue()).isMissingNode()) {
                    withExamples.add(Map.entry(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(), op.getValue()));
                }
            });
        }
        // What the examples create first, then what they list.
        withExamples.sort((a, b) -> Boolean.compare(a.getKey().startsWith("GET"), b.getKey().startsWith("GET")));
        assertThat(withExamples).as("operations with examples").hasSizeGreaterThanOrEqualTo(10);

        for (Map.Entry<String, JsonNode> entry : withExamples) {
            JsonNode operation = entry.getValue();
            String[] methodAndPath = entry.getKey().split(" ", 2);
            String path = methodAndPath[1];
            for (JsonNode parameter : operation.path("parameters")) {
                if (parameter.path("in").asText().equals("path")) {
                    path = path.replace("{" + parameter.path("name").asText() + "}", parameter.path("example").asText());
                }
            }
            JsonNode requestExample = operation.at("/requestBody/content/application~1json/example");
            HttpResponse<String> answer = send(methodAndPath[0], path, requestExample.isMissingNode() ? null : requestExample.toString(), true);
            String status = successStatus(operation);
            assertThat(Integer.toString(answer.statusCode())).as(entry.getKey() + ": " + answer.body()).isEqualTo(status);
            assertMatches(entry.getKey(), "", successExample(operation), JSON.readTree(answer.body()));
        }
    }

    @Test
    void swaggerUiIsServedFromTheBundle() throws Exception {
        HttpResponse<String> page = send("GET", "/api/docs/", null, false);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui-bundle.js");
        HttpResponse<String> script = send("GET", "/api/docs/swagger-ui-bundle.js", null, false);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(send("GET", "/api/docs/switchboard-init.js", null, false).body()).contains("/api/v1/openapi.json");
    }

    private static String successStatus(JsonNode operation) {
        Iterator<String> statuses = operation.path("responses").fieldNames();
        while (statuses.hasNext()) {
            String status = statuses.next();
            if (status.startsWith("2")) {
                return status;
            }
        }
        throw new AssertionError("no 2xx response in " + operation.path("operationId"));
    }

    private static JsonNode successExample(JsonNode operation) {
        for (JsonNode response : iterable(operation.path("responses").elements())) {
            JsonNode example = response.at("/content/application~1json/example");
            if (!example.isMissingNode()) {
                return example;
            }
        }
        return JSON.missingNode();
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }

    /** The actual answer has every member of the example, of its type; scalars equal unless the example writes "...". */
    private static void assertMatches(String operation, String pointer, JsonNode example, JsonNode actual) {
        String where = operation + " at '" + pointer + "'";
        if (example.isTextual() && example.asText().contains("...")) {
            assertThat(actual.isTextual()).as(where + " is a string: " + actual).isTrue();
            return;
        }
        assertThat(actual.getNodeType()).as(where + ": " + actual).isEqualTo(example.getNodeType());
        if (example.isObject()) {
            example.fields().forEachRemaining(member -> {
                assertThat(actual.has(member.getKey())).as(where + " has " + member.getKey() + ": " + actual).isTrue();
                assertMatches(operation, pointer + "/" + member.getKey(), member.getValue(), actual.get(member.getKey()));
            });
        } else if (example.isArray()) {
            if (example.isEmpty()) {
                assertThat(actual).as(where + " is empty").isEmpty();
            }
            for (JsonNode item : example) {
                boolean found = false;
                for (JsonNode candidate : actual) {
                    try {
                        assertMatches(operation, pointer + "/*", item, candidate);
                        found = true;
                        break;
                    } catch (AssertionError notThisOne) {
                        // the next element may match
                    }
                }
                assertThat(found).as(where + " holds an element like " + item + ": " + actual).isTrue();
            }
        } else {
            assertThat(actual).as(where).isEqualTo(example);
        }
    }
}
