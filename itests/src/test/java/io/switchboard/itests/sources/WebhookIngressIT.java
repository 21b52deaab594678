package io.switchboard.itests.sources;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.switchboard.itests.Api;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;

/**
 * What the webhook refuses and how it authenticates: unknown paths, payloads failing the schema, unsigned or wrongly
 * signed calls, oversized bodies; and a failing or timing-out command is answered in LivePerson's shape (901).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebhookIngressIT extends EventSourceTestSupport {

    private static final String COMMAND_PATH = "/events/conversational-commands/commands/echo";
    private static final String ECHO = "function lambda(input, callback) { callback(null, input.payload.arguments.join(' ')); }";
    private static final String SECRET = "itest-signing-secret";
    private static final int MAX_BODY = 16 * 1024;
    private static volatile boolean configured;
    private static volatile boolean echoDeployed;

    @Before
    public void configureWebhooks() throws Exception {
        if (!configured) {
            Configuration webhooks = configurationAdmin.getConfiguration("io.switchboard.camel.webhook", "?");
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("signingSecrets", new String[] {"acme@/events/conversational-commands/=" + SECRET});
            properties.put("maxBodyBytes", (long) MAX_BODY);
            webhooks.update(properties);
            configured = true;
        }
        eventType("conversational_command");
        if (!echoDeployed) {
            deployFunction("acme", "echo", "conversational_command", ECHO, null);
            echoDeployed = true;
        }
        String oversized = "{\"pad\":\"" + "x".repeat(MAX_BODY) + "\"}";
        await("the webhook runs with the test's configuration", Duration.ofSeconds(20),
                () -> webhookAsAdmin(COMMAND_PATH, oversized, "acme").status() == 413);
    }

    @Test
    public void anUnknownEventPathAndAnUnknownCommandAreAnswered404() {
        Api.Answer answer = webhookAsAdmin("/events/conversational-commands/no-such-event", "{}", "acme");
        Api.Answer command = webhookAsAdmin("/events/conversational-commands/commands/no-such-command", "{}", "acme");
        Api.Answer oldPath = webhookAsAdmin("/events/conversational-commands/command", "{}", "acme");

        assertEquals(404, answer.status());
        assertEquals("urn:switchboard:problem:not-found", answer.text("/type"));
        assertEquals(404, command.status());
        assertTrue(command.text("/detail"), command.text("/detail").contains("'no-such-command'"));
        assertEquals(404, oldPath.status());
    }

    @Test
    public void aPayloadFailingTheSchemaIsAnswered400ListingTheFields() {
        Api.Answer answer = webhookAsAdmin(COMMAND_PATH, "{\"conversationId\": {}, \"arguments\": \"echo this\", \"agentNote\": 1}", "acme");

        assertEquals(answer.body().toString(), 400, answer.status());
        assertEquals("urn:switchboard:problem:invalid-payload", answer.text("/type"));
        String errors = answer.body().get("errors").toString();
        assertTrue(errors, errors.contains("/conversationId"));
        assertTrue(errors, errors.contains("/arguments"));
        assertTrue("a field LivePerson may add is no error: " + errors, !errors.contains("agentNote"));
    }

    @Test
    public void anUnsignedCallWithoutKeyIsAnswered401() {
        Api.Answer answer = webhook(COMMAND_PATH, "{}", "X-Switchboard-Account", "acme");

        assertEquals(401, answer.status());
        assertEquals("urn:switchboard:problem:unauthorized", answer.text("/type"));
    }

    @Test
    public void aWronglySignedCallIsAnswered401AndARightlySignedOneIsDispatched() throws Exception {
        String body = "{\"conversationId\": \"4711\", \"arguments\": [\"signed\", \"ok\"]}";

        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String signed = timestamp + "." + body;

        Api.Answer wrong = webhook(COMMAND_PATH, body, "X-Switchboard-Account", "acme", "X-Switchboard-Timestamp", timestamp,
                "X-Switchboard-Signature", "sha256=" + hmac("not-the-secret", signed));
        Api.Answer otherAccount = webhook(COMMAND_PATH, body, "X-Switchboard-Account", "globex", "X-Switchboard-Timestamp", timestamp,
                "X-Switchboard-Signature", "sha256=" + hmac(SECRET, signed));
        Api.Answer right = webhook(COMMAND_PATH, body, "X-Switchboard-Account", "acme", "X-Switchboard-Timestamp", timestamp,
                "X-Switchboard-Signature", "sha256=" + hmac(SECRET, signed));

        assertEquals(401, wrong.status());
        assertEquals(401, otherAccount.status());
        assertEquals(right.body().toString(), 200, right.status());
        assertEquals("signed ok", right.body().asText());
    }

    @Test
    public void anAccountKeyActsOnlyForItsOwnAccount() {
        String body = sample(eventType("conversational_command"));

        Api.Answer own = webhook(COMMAND_PATH, body, "Authorization", "Bearer " + ACME_KEY);
        Api.Answer other = webhook(COMMAND_PATH, body, "Authorization", "Bearer " + ACME_KEY, "X-Switchboard-Account", "globex");
        Api.Answer unknownKey = webhook(COMMAND_PATH, body, "Authorization", "Bearer nobody-knows-this-key");

        assertEquals(own.body().toString(), 200, own.status());
        assertEquals(403, other.status());
        assertEquals(401, unknownKey.status());
    }

    @Test
    public void aBodyOverTheLimitIsAnswered413() {
        Api.Answer answer = webhookAsAdmin(COMMAND_PATH, "{\"pad\":\"" + "x".repeat(MAX_BODY) + "\"}", "acme");

        assertEquals(413, answer.status());
        assertEquals(MAX_BODY, answer.body().get("maxBytes").asInt());
    }

    @Test
    public void aFailingAndATimingOutCommandAreAnswered901InLivePersonsShape() {
        String account = newAccount();
        deployFunction(account, "works", "conversational_command", "async function lambda(input) { return 'fine'; }", null);
        deployFunction(account, "throws", "conversational_command",
                "function lambda(input, callback) { callback(new Error('no order service')); }", null);
        deployFunction(account, "loops", "conversational_command", "async function lambda(input) { while (true) {} }",
                "\"timeoutMs\":1000");
        String body = sample(eventType("conversational_command"));

        Api.Answer works = webhookAsAdmin("/events/conversational-commands/commands/works", body, account);
        Api.Answer throwing = webhookAsAdmin("/events/conversational-commands/commands/throws", body, account);
        Api.Answer looping = webhookAsAdmin("/events/conversational-commands/commands/loops", body, account);

        assertEquals(works.body().toString(), 200, works.status());
        assertEquals("fine", works.body().asText());
        assertEquals(throwing.body().toString(), 901, throwing.status());
        assertEquals("com.liveperson.faas.handler.custom-failure", throwing.text("/errorCode"));
        assertTrue(throwing.text("/errorMsg"), throwing.text("/errorMsg").contains("no order service"));
        assertEquals(looping.body().toString(), 901, looping.status());
        assertEquals("com.liveperson.faas.handler.executiontime-exceeded", looping.text("/errorCode"));
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
