package io.switchboard.templates.internal;

import static io.switchboard.templates.internal.ShippedTemplatesTest.JSON;
import static io.switchboard.templates.internal.ShippedTemplatesTest.SECRETS;
import static io.switchboard.templates.internal.ShippedTemplatesTest.logs;
import static io.switchboard.templates.internal.ShippedTemplatesTest.resultOf;
import static io.switchboard.templates.internal.ShippedTemplatesTest.run;
import static io.switchboard.templates.internal.ShippedTemplatesTest.samplePayload;
import static io.switchboard.templates.internal.ShippedTemplatesTest.templates;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The templates that call a service outside the platform, run against a stub HTTP server on 127.0.0.1. */
class ExternalServiceTemplatesTest {
    private static final List<String> STUB_DOMAIN = List.of("127.0.0.1");

    /** What the stub received: "METHOD path?query" to body, and the Authorization header under "auth ..." keys. */
    private final Map<String, String> received = new ConcurrentHashMap<>();
    private HttpServer stub;
    private String base;

    @BeforeAll
    static void templatesLoaded() throws Exception {
        ShippedTemplatesTest.load();
    }

    @BeforeEach
    void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.start();
        base = "http://127.0.0.1:" + stub.getAddress().getPort();
    }

    @AfterEach
    void stopStub() {
        stub.stop(0);
    }

    private void answer(String path, int status, String json) {
        stub.createContext(path, exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + (query == null ? "" : "?" + query);
            received.put(key, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.put("auth " + exchange.getRequestURI().getPath(), String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            reply(exchange, status, json);
        });
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void theHttpTemplatePostsToTheConfiguredAddressAndReturnsTheAnswer() throws Exception {
        answer("/anything", 200, "{\"echo\": \"pong\"}");

        ExecutionResult result = run(templates.get("http"), JSON.readTree("{\"question\": \"ping?\"}"),
                Map.of("HTTP_URL", base + "/anything"), STUB_DOMAIN);

        JsonNode body = resultOf(result);
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.at("/body/echo").asText()).isEqualTo("pong");
        assertThat(JSON.readTree(received.get("POST /anything")).get("question").asText()).isEqualTo("ping?");
    }

    @Test
    void theHttpTemplateReportsAnErrorStatusInsteadOfFailing() throws Exception {
        answer("/anything", 503, "{}");

        JsonNode body = resultOf(run(templates.get("http"), JSON.createObjectNode(), Map.of("HTTP_URL", base + "/anything"), STUB_DOMAIN));

        assertThat(body.get("ok").asBoolean()).isFalse();
        assertThat(body.get("status").asInt()).isEqualTo(503);
    }

    @Test
    void theHttpTemplateCannotReachADomainThatIsNotAllowed() {
        answer("/anything", 200, "{}");

        ExecutionResult result = run(templates.get("http"), JSON.createObjectNode(), Map.of("HTTP_URL", base + "/anything"),
                templates.get("http").requiredDomains());

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.error().errorMsg()).contains("not among the allowed domains");
    }

    @Test
    void theSalesforceTemplateGetsATokenWithTheSecretsAndQueriesTheContact() throws Exception {
        SECRETS.put("acme/salesforce-client-id", "client-1");
        SECRETS.put("acme/salesforce-client-secret", "secret-1");
        answer("/services/oauth2/token", 200, "{\"access_token\": \"tok-9\", \"instance_url\": \"" + base + "\"}");
        answer("/services/data/v60.0/query", 200,
                "{\"totalSize\": 1, \"records\": [{\"Id\": \"003xx\", \"Name\": \"Jane Doe\", \"Phone\": \"+1 555 0100\"}]}");

        JsonNode body = resultOf(run(templates.get("salesforce"), JSON.readTree("{\"email\": \"jane@example.com\"}"),
                Map.of("SALESFORCE_LOGIN_URL", base), STUB_DOMAIN));

        assertThat(body.get("found").asBoolean()).isTrue();
        assertThat(body.get("name").asText()).isEqualTo("Jane Doe");
        String form = received.get("POST /services/oauth2/token");
        assertThat(form).contains("grant_type=client_credentials").contains("client_id=client-1").contains("client_secret=secret-1");
        String query = received.keySet().stream().filter(key -> key.startsWith("GET /services/data/v60.0/query?q=")).findFirst().orElseThrow();
        assertThat(URLDecoder.decode(query, StandardCharsets.UTF_8)).contains("WHERE Email = 'jane@example.com'");
        assertThat(received.get("auth /services/data/v60.0/query")).isEqualTo("Bearer tok-9");
    }

    @Test
    void theKeywordScannerFetchesTheTranscriptAndLogsTheKeywordsFound() {
        SECRETS.put("acme/conversation-api-token", "conv-token");
        JsonNode payload = samplePayload("controllerbot_messaging_conversation_end");
        String conversation = payload.at("/general/convId").asText();
        answer("/conversations/" + conversation, 200, "{\"transcript\": [{\"by\": \"consumer\", \"text\": \"I want to CANCEL my plan\"},"
                + " {\"by\": \"agent\", \"text\": \"Sorry to hear that\"}]}");

        ExecutionResult result = run(templates.get("keyword-scanner"), payload,
                Map.of("CONVERSATION_API_URL", base, "KEYWORDS", "cancel, refund"), STUB_DOMAIN);

        EventShapes.assertMessagingCommands(resultOf(result));
        assertThat(logs(result)).contains("mentions: cancel").doesNotContain("refund");
        assertThat(received.get("auth /conversations/" + conversation)).isEqualTo("Bearer conv-token");
    }

    @Test
    void replaceFilesAsksTheGdprApiToReplaceTheConversationsFiles() throws Exception {
        SECRETS.put("acme/gdpr-api-token", "gdpr-token");
        JsonNode payload = samplePayload("controllerbot_messaging_conversation_end");
        String path = "/conversations/" + payload.at("/general/convId").asText() + "/files/replace";
        answer(path, 200, "{\"replacedFiles\": [\"f1.png\", \"f2.pdf\"]}");

        ExecutionResult result = run(templates.get("replace-files-for-conversation"), payload, Map.of("GDPR_API_URL", base), STUB_DOMAIN);

        EventShapes.assertMessagingCommands(resultOf(result));
        assertThat(logs(result)).contains("Replaced 2 file(s)");
        assertThat(JSON.readTree(received.get("POST " + path)).get("replacement").asText()).isEqualTo("placeholder");
        assertThat(received.get("auth " + path)).isEqualTo("Bearer gdpr-token");
    }
}
