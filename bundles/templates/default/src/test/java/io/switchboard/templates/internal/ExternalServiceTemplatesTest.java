package io.switchboard.templates.internal;

import static io.switchboard.templates.internal.ShippedTemplatesTest.JSON;
import static io.switchboard.templates.internal.ShippedTemplatesTest.SECRETS;
import static io.switchboard.templates.internal.ShippedTemplatesTest.SETTINGS;
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
import io.switchboard.core.api.settings.AccountSettings;
import io.switchboard.core.api.execution.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The templates that call a service outside the platform, run against a stub HTTP server on 127.0.0.1: a plain HTTP
 * service, Salesforce, or LivePerson's APIs as the toolbelt's LpClient reaches them (discovery, history, file storage).
 */
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
        SETTINGS.remove("acme");
        SECRETS.keySet().removeIf(key -> key.startsWith("acme/lp-faas-") || key.startsWith("acme/file-storage-"));
    }

    private void answer(String path, int status, String json) {
        stub.createContext(path, exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + (query == null ? "" : "?" + query);
            // ISO-8859-1 keeps binary uploads byte for byte; the JSON bodies the tests read are ASCII.
            received.put(key, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
            received.put("auth " + exchange.getRequestURI().getPath(), String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            reply(exchange, status, json);
        });
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
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

    /**
     * LivePerson as LpClient sees it, on the stub: service discovery naming the stub for the conversation history
     * (msgHist) and the file storage (swift), the history answering {@code conversationJson} as its one record, and the
     * storage accepting uploads; the account points lpDiscoveryBaseUrl at the stub and holds an app key.
     */
    private void liveperson(String conversationJson) {
        String domain = "127.0.0.1:" + stub.getAddress().getPort();
        answer("/api/account/acme/service/baseURI.json", 200, "{\"baseURIs\": ["
                + "{\"service\": \"msgHist\", \"account\": \"acme\", \"baseURI\": \"" + domain + "\"},"
                + " {\"service\": \"swift\", \"account\": \"acme\", \"baseURI\": \"" + domain + "\"}]}");
        answer("/messaging_history/api/account/acme/conversations/conversation/search", 200,
                "{\"_metadata\": {\"count\": 1}, \"conversationHistoryRecords\": [" + conversationJson + "]}");
        answer("/v1/AUTH_async-images/", 201, "");
        SETTINGS.put("acme", new AccountSettings(List.of(), base, AccountSettings.DEFAULT_HTTP_REQUESTS_PER_SECOND));
        SECRETS.put("acme/lp-faas-default-app-key", "{\"consumerKey\": \"ck\", \"consumerSecret\": \"cs\", \"token\": \"tk\", \"tokenSecret\": \"ts\"}");
    }

    private static String history(String conversationId, String... records) {
        return "{\"info\": {\"conversationId\": \"" + conversationId + "\"}, \"messageRecords\": [" + String.join(", ", records) + "]}";
    }

    private static String text(String text, String sentBy, long time) {
        return "{\"type\": \"TEXT_PLAIN\", \"messageData\": {\"msg\": {\"text\": \"" + text + "\"}}, \"sentBy\": \"" + sentBy
                + "\", \"timeL\": " + time + "}";
    }

    private static String file(String relativePath, long time) {
        return "{\"type\": \"HOSTED_FILE\", \"messageData\": {\"file\": {\"relativePath\": \"" + relativePath
                + "\", \"fileType\": \"PNG\"}}, \"sentBy\": \"Consumer\", \"timeL\": " + time + "}";
    }

    private void assertTheHistoryWasAskedForTheMessagesOf(String conversation) throws IOException {
        assertThat(received).containsKey("GET /api/account/acme/service/baseURI.json?version=1.0");
        String search = "POST /messaging_history/api/account/acme/conversations/conversation/search";
        assertThat(JSON.readTree(received.get(search))).isEqualTo(JSON.readTree(
                "{\"conversationId\": \"" + conversation + "\", \"contentToRetrieve\": [\"messageRecords\"]}"));
        assertThat(received.get("auth /messaging_history/api/account/acme/conversations/conversation/search"))
                .startsWith("OAuth ").contains("oauth_consumer_key=\"ck\"", "oauth_token=\"tk\"", "oauth_signature=\"");
    }

    @Test
    void theKeywordScannerFetchesTheConversationWithConversationUtilAndLogsTheKeywordsFound() throws Exception {
        JsonNode payload = samplePayload("controllerbot_messaging_conversation_end");
        String conversation = payload.at("/general/convId").asText();
        liveperson(history(conversation, text("I want to CANCEL my plan", "Consumer", 1_560_764_690_328L),
                text("Sorry to hear that", "Agent", 1_560_764_734_592L)));

        ExecutionResult result = run(templates.get("keyword-scanner"), payload, Map.of("KEYWORDS", "cancel, refund"), List.of());

        EventShapes.assertMessagingCommands(resultOf(result));
        assertThat(logs(result)).contains("Conversation " + conversation + " mentions: cancel (1 hit(s))")
                .contains("Consumer at 1560764690328 [keywordRef:cancel]: I want to CANCEL my plan").doesNotContain("refund");
        assertTheHistoryWasAskedForTheMessagesOf(conversation);
    }

    @Test
    void theKeywordScannerFailsNamingTheSettingWhenTheAccountHasNoDiscoveryUrl() {
        JsonNode payload = samplePayload("controllerbot_messaging_conversation_end");

        ExecutionResult result = run(templates.get("keyword-scanner"), payload, Map.of("KEYWORDS", "cancel"), List.of());

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.error().errorMsg()).contains("lpDiscoveryBaseUrl");
        assertThat(received).isEmpty();
    }

    @Test
    void replaceFilesOverwritesTheConversationsFilesInTheFileStorageWithGdprUtil() throws Exception {
        SECRETS.put("acme/file-storage-username", "storage-user");
        SECRETS.put("acme/file-storage-password", "storage-pass");
        JsonNode payload = samplePayload("controllerbot_messaging_conversation_end");
        String conversation = payload.at("/general/convId").asText();
        liveperson(history(conversation, text("Here is my passport", "Consumer", 1L),
                file("/v1/AUTH_async-images/acme/passport.png", 2L), file("/acme/bill.png", 3L)));

        ExecutionResult result = run(templates.get("replace-files-for-conversation"), payload, Map.of(), List.of());

        EventShapes.assertMessagingCommands(resultOf(result));
        assertThat(logs(result)).contains("Replaced 2 file(s) of conversation " + conversation);
        assertTheHistoryWasAskedForTheMessagesOf(conversation);
        // LivePerson's relativePath is the storage path; another is taken relative to the account's container.
        assertThat(received).containsKeys("PUT /v1/AUTH_async-images/acme/passport.png", "PUT /v1/AUTH_async-images/acme/acme/bill.png");
        assertThat(received.get("PUT /v1/AUTH_async-images/acme/passport.png").getBytes(StandardCharsets.ISO_8859_1))
                .startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        String basic = "Basic " + Base64.getEncoder().encodeToString("storage-user:storage-pass".getBytes(StandardCharsets.UTF_8));
        assertThat(received.get("auth /v1/AUTH_async-images/acme/passport.png")).isEqualTo(basic);
        assertThat(received.get("auth /v1/AUTH_async-images/acme/acme/bill.png")).isEqualTo(basic);
    }

    @Test
    void replaceFilesFailsWithoutTheFileStorageCredentialsAndReplacesNothing() {
        JsonNode payload = samplePayload("controllerbot_messaging_conversation_end");
        liveperson(history(payload.at("/general/convId").asText(), file("/acme/bill.png", 3L)));

        ExecutionResult result = run(templates.get("replace-files-for-conversation"), payload, Map.of(), List.of());

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(logs(result)).contains("Could not replace the files of");
        assertThat(received.keySet()).noneMatch(key -> key.startsWith("PUT "));
    }
}
