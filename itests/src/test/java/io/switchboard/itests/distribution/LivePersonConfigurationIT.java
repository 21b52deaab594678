package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.itests.Api;
import io.switchboard.itests.security.DocumentedExamples;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The configuration examples of docs/liveperson-compatibility.md and docs/writing-an-event-source.md, written as files
 * into etc/ of a packaged installation: the System Messages family delivers its settled events to the configured callback,
 * signed, and retries a failing function as often as its {@code retries} says before the event is dead-lettered; the
 * webhook's signing secret and body limit hold; and configuration or templates written for the names used before issue
 * 11 are warned about, naming the new ones.
 */
class LivePersonConfigurationIT {

    private static final String ADMIN_KEY = "lp-config-admin-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One callback the receiver got. */
    private record Delivery(String path, String account, String timestamp, String signature, String body) {
    }

    private static final List<Delivery> DELIVERIES = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;
    private static Installation installation;
    private static Api api;

    @BeforeAll
    static void startWithTheDocumentedFiles() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            DELIVERIES.add(new Delivery(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("X-Switchboard-Account"),
                    exchange.getRequestHeaders().getFirst("X-Switchboard-Timestamp"), exchange.getRequestHeaders().getFirst("X-Switchboard-Signature"),
                    body));
        });
        receiver.start();
        installation = Installation.copy(Path.of(System.getProperty("switchboard.itest.work"), "lp-config"));
        Path etc = installation.home.resolve("etc");
        // The configuration examples of docs/liveperson-compatibility.md (the receiver's address for the example hosts')
        // and docs/writing-an-event-source.md (the webhook's), as the documents write them.
        String receiverUrl = "http://127.0.0.1:" + receiver.getAddress().getPort();
        Map<String, String> families = DocumentedExamples.of("liveperson-compatibility.md").configs();
        assertThat(families).containsKeys("etc/io.switchboard.source.systemmessages.cfg", "etc/io.switchboard.source.chatpostsurvey.config");
        for (Map.Entry<String, String> config : families.entrySet()) {
            Files.writeString(installation.home.resolve(config.getKey()), config.getValue()
                    .replace("https://messaging.example", receiverUrl).replace("https://mail.example", receiverUrl)
                    .replace("https://globex.example", receiverUrl + "/globex"));
        }
        String webhook = DocumentedExamples.of("writing-an-event-source.md").configs().get("etc/io.switchboard.camel.webhook.cfg");
        assertThat(webhook).contains("signingSecrets = acme@/events/system-messages/=change-me");
        Files.writeString(etc.resolve("io.switchboard.camel.webhook.cfg"), webhook);
        Files.writeString(etc.resolve("io.switchboard.core.dispatch.cfg"), "asyncBackoffMs = 50\n");
        // Written for the names before issue 11.
        Files.writeString(etc.resolve("io.switchboard.source.chat-post-survey.cfg"), "signingSecret = old\n");
        Files.writeString(etc.resolve("io.switchboard.core.limits.cfg"), "overrides = [\"messaging_conversation_end=2\"]\n");
        Path templates = Files.createDirectories(installation.home.resolve("deploy/templates"));
        Files.writeString(templates.resolve("old-goodbye.js"), """
                /*template
                {"name": "Old Goodbye", "eventType": "messaging_conversation_end"}
                */
                function lambda(input, callback) { callback(null, []); }
                """);
        Installation.Result start = installation.run("start", Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY), Duration.ofSeconds(120));
        assertThat(start.exitCode()).as(start.output()).isZero();
        Poll.until("/health answers 200", Duration.ofSeconds(60), installation::healthy);
        api = new Api("http://127.0.0.1:" + installation.port + "/api/v1", ADMIN_KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        if (installation != null) {
            installation.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aSettledEventIsDeliveredOnceSignedToTheCallbackOfTheFamilysConfiguration() throws Exception {
        deploy("goodbye", "controllerbot_messaging_conversation_end",
                "function lambda(input, callback) { callback(null, [{type: 'systemMessage', text: 'Bye ' + input.payload.general.convId}]); }");

        HttpResponse<String> accepted = signedPost("/events/system-messages/conversation-end?skillId=42",
                sample("controllerbot_messaging_conversation_end"), "change-me");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String eventId = JSON.readTree(accepted.body()).path("eventId").asText();
        Poll.until("the event is delivered", Duration.ofSeconds(30), () -> delivery(eventId) != null);
        Delivery delivery = delivery(eventId);
        JsonNode body = JSON.readTree(delivery.body());
        assertThat(delivery.path()).isEqualTo("/switchboard/callbacks");
        assertThat(delivery.account()).isEqualTo("acme");
        assertThat(delivery.signature()).isEqualTo("sha256=" + hmac("change-me", delivery.timestamp() + "." + delivery.body()));
        assertThat(body.path("eventType").asText()).isEqualTo("controllerbot_messaging_conversation_end");
        assertThat(body.path("skillId").asText()).isEqualTo("42");
        assertThat(body.path("commands").get(0).path("type").asText()).isEqualTo("systemMessage");
        assertThat(body.path("commands").get(0).path("text").asText()).startsWith("Bye ");
        assertThat(body.path("useDefaultAutoMessage").asBoolean(true)).isFalse();
        assertThat(body.path("functions").get(0).path("name").asText()).isEqualTo("goodbye");
        Poll.during(Duration.ofMillis(500));
        assertThat(DELIVERIES.stream().filter(d -> d.body().contains(eventId))).as("deliveries of the event").hasSize(1);
    }

    @Test
    void aTypedConfigFileGivesSeveralAccountsTheirOwnCallback() throws Exception {
        deploy("transcript", "denver_post_survey_email_transcript", "function lambda(input, callback) { callback(null, [{targetEmail:"
                + " 'quality@example.com', senderName: 'Survey', senderEmail: 'no-reply@example.com', subject: 'CSAT ' + input.payload.csatRank}]); }");
        Api.Answer accepted = new Webhook(installation, ADMIN_KEY).post("/events/chat-post-survey/email-transcript", "acme",
                sample("denver_post_survey_email_transcript"));

        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        String eventId = accepted.text("/eventId");
        Poll.until("the transcript decision is delivered", Duration.ofSeconds(30), () -> delivery(eventId) != null);
        assertThat(delivery(eventId).path()).isEqualTo("/switchboard/transcripts");
        assertThat(JSON.readTree(delivery(eventId).body()).at("/emails/0/targetEmail").asText()).isEqualTo("quality@example.com");
    }

    @Test
    void aFunctionThatKeepsFailingIsRetriedAsTheFamilySaysAndItsEventIsDeadLetteredNotDelivered() throws Exception {
        assertThat(api.get("/event-types/controllerbot_messaging_ttr").body().path("retries").asInt()).isEqualTo(2);
        deploy("broken-ttr", "controllerbot_messaging_ttr", "function lambda(input, callback) { callback(new Error('ttr is down')); }");

        HttpResponse<String> accepted = signedPost("/events/system-messages/ttr", sample("controllerbot_messaging_ttr"), "change-me");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String eventId = JSON.readTree(accepted.body()).path("eventId").asText();
        Poll.until("the event's task is dead-lettered", Duration.ofSeconds(30), () -> deadLetter(eventId) != null);
        assertThat(deadLetter(eventId).path("attempts").asInt()).as("1 attempt + 2 retries").isEqualTo(3);
        Poll.during(Duration.ofMillis(500));
        assertThat(delivery(eventId)).as("a dead-lettered event is not delivered").isNull();
    }

    @Test
    void theWebhookRefusesAWrongSignatureAndABodyOverItsLimit() throws Exception {
        String sample = sample("controllerbot_messaging_conversation_idle");

        assertThat(signedPost("/events/system-messages/conversation-idle", sample, "not-the-secret").statusCode()).isEqualTo(401);
        String large = "{\"general\": {\"convId\": \"" + "x".repeat(262_144) + "\"}}";
        assertThat(signedPost("/events/system-messages/conversation-idle", large, "change-me").statusCode()).isEqualTo(413);
    }

    @Test
    void theGatewayExampleOfTheDocsPrintsWhatTheDocsSay() throws Exception {
        String greeter = deploy("greeter", null, "function lambda(input, callback) { callback(null, 'Hello ' + input.payload.name); }");
        deploy("idle-closer", "controllerbot_messaging_conversation_idle",
                "function lambda(input, callback) { callback(null, [{type: 'closeConversation'}]); }");
        DocumentedExamples.Example example = DocumentedExamples.of("liveperson-compatibility.md").example("gateway-invoke");

        DocumentedExamples.Run run = DocumentedExamples.run(example, installation.port, Map.of("KEY", ADMIN_KEY, "FN", greeter));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(example.expected()).hasSize(3);
        assertThat(run.output().lines().map(String::strip).toList()).as(run.output()).containsSubsequence(example.expected());
    }

    @Test
    void oldNamesInEtcAndInTemplatesAreWarnedAboutNamingTheNewOnes() throws Exception {
        Poll.until("the warnings are logged", Duration.ofSeconds(30), () -> installation.log().contains("old-goodbye"));
        String log = installation.log();

        assertThat(log).contains("io.switchboard.source.chat-post-survey.cfg uses the old PID io.switchboard.source.chat-post-survey"
                + " and is not read: the family's configuration is now io.switchboard.source.chatpostsurvey");
        assertThat(log).contains("names the event type 'messaging_conversation_end' in overrides, which was renamed to "
                + "'controllerbot_messaging_conversation_end'");
        assertThat(log).containsPattern("Template old-goodbye\\.js .*'messaging_conversation_end'.*renamed to 'controllerbot_messaging_conversation_end'");
        assertThat(api.get("/event-types/messaging_conversation_end").body().toString())
                .contains("controllerbot_messaging_conversation_end");
    }

    private static String deploy(String name, String eventType, String code) {
        Api.Answer created = api.post("/accounts/acme/functions", "{\"name\": \"" + name + "\""
                + (eventType == null ? "" : ", \"eventType\": \"" + eventType + "\"") + ", \"code\": " + Api.quote(code) + "}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        Api.Answer deployed = api.post("/accounts/acme/functions/" + created.text("/id") + "/deploy", null);
        assertThat(deployed.text("/state")).as(deployed.body().toString()).isEqualTo("PRODUCTIVE");
        return created.text("/id");
    }

    private static String sample(String eventType) {
        return api.get("/event-types/" + eventType).body().get("samplePayload").toString();
    }

    /** Posts as the event source: the account named, the body signed now with the shared secret, no key. */
    private static HttpResponse<String> signedPost(String path, String body, String secret) throws Exception {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + installation.port + path))
                .header("Content-Type", "application/json").header("X-Switchboard-Account", "acme")
                .header("X-Switchboard-Timestamp", timestamp)
                .header("X-Switchboard-Signature", "sha256=" + hmac(secret, timestamp + "." + body)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Delivery delivery(String eventId) {
        return DELIVERIES.stream().filter(d -> d.body().contains("\"" + eventId + "\"")).findFirst().orElse(null);
    }

    private static JsonNode deadLetter(String eventId) {
        for (JsonNode item : api.get("/accounts/acme/dead-letters").body().path("items")) {
            if (eventId.equals(item.path("eventId").asText())) {
                return item;
            }
        }
        return null;
    }

    private static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
