package io.switchboard.itests.sources;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.itests.Api;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.InvalidSyntaxException;

/**
 * The results of asynchronous events reach the event's caller: a System Messages function's callback commands,
 * mapped into the contract, are posted (signed) to the callback configured for the account on a local HTTP server;
 * an unknown command is that function's error and is not delivered.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AsyncResultsIT extends EventSourceTestSupport {

    private static final String END = "messaging_conversation_end";
    private static final String PID = "io.switchboard.source.system-messages";
    private static final String SECRET = "itest-callback-secret";
    private static final String GOOD = "acct-results-good";
    private static final String BAD = "acct-results-bad";

    /** One delivery the callback server received. */
    private record Delivery(String path, String account, String timestamp, String signature, String body) {
    }

    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private HttpServer server;

    /** The test's callback server lives in the framework's JVM: the framework must export the JDK's HTTP server. */
    @Override
    @Configuration
    public Option[] config() throws IOException {
        Option[] options = super.config();
        Option[] all = Arrays.copyOf(options, options.length + 1);
        all[options.length] = systemPackages("com.sun.net.httpserver");
        return all;
    }

    @Before
    public void startCallbackServerAndConfigureIt() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/callbacks/", exchange -> {
            Delivery delivery = new Delivery(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("X-Switchboard-Account"),
                    exchange.getRequestHeaders().getFirst("X-Switchboard-Timestamp"), exchange.getRequestHeaders().getFirst("X-Switchboard-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            // Answered before the test sees it, so a test that ends and stops the server never cuts a delivery short.
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            deliveries.add(delivery);
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/callbacks/";
        String[] callbacks = {GOOD + "=" + base + GOOD, BAD + "=" + base + BAD};
        org.osgi.service.cm.Configuration configuration = configurationAdmin.getConfiguration(PID, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("callbackUrls", callbacks);
        properties.put("signingSecret", SECRET);
        properties.put("maximumRedeliveries", 0);
        configuration.update(properties);
        // The reconfigured result routes are running once their builder carries the new URLs and listens to the core.
        await("the result routes use the callback " + callbacks[0], Duration.ofSeconds(20), () -> services("org.apache.camel.RoutesBuilder",
                "(&(component.name=io.switchboard.source.systemmessages.internal.SystemMessagesResultRoutes)(callbackUrls=" + callbacks[0] + "))")
                && services("io.switchboard.core.api.dispatch.AsyncOutcomeListener", "(switchboard.event.type.id=" + END + ")"));
    }

    @After
    public void stopCallbackServer() {
        server.stop(0);
    }

    @Test
    public void aConversationEndFunctionsSendMessageCommandIsDeliveredSignedToTheAccountsCallback() throws Exception {
        JsonNode type = eventType(END);
        String function = deployFunction(GOOD, "goodbye", END, "async function lambda(input) {"
                + " return {type: 'sendMessage', text: 'Bye from ' + input.payload.conversationId}; }", skillOf(type));

        Api.Answer answer = webhookAsAdmin(type.get("webhookPath").asText(), sample(type), GOOD);

        assertEquals(answer.body().toString(), 202, answer.status());
        Delivery delivery = deliveries.poll(30, TimeUnit.SECONDS);
        assertNotNull("a delivery within 30 s", delivery);
        assertEquals("/callbacks/" + GOOD, delivery.path());
        assertEquals(GOOD, delivery.account());
        // Signed as a webhook call is: "<timestamp>.<body>", the timestamp in Unix seconds of the delivery.
        assertTrue(delivery.timestamp(), Math.abs(Long.parseLong(delivery.timestamp()) - System.currentTimeMillis() / 1000) < 60);
        assertEquals("sha256=" + hmac(delivery.timestamp() + "." + delivery.body()), delivery.signature());
        JsonNode body = JSON.readTree(delivery.body());
        assertEquals(answer.text("/eventId"), body.get("eventId").asText());
        assertEquals(END, body.get("eventType").asText());
        assertEquals(function, body.get("functionId").asText());
        String conversation = type.at("/samplePayload/conversationId").asText();
        assertEquals(JSON.readTree("[{\"type\":\"sendMessage\",\"text\":\"Bye from " + conversation + "\",\"systemMessage\":false}]"),
                body.get("result"));
        String recorded = admin.get("/accounts/" + GOOD + "/functions/" + function + "/invocations").body().at("/items/0/id").asText();
        assertEquals(recorded, body.get("invocationId").asText());
    }

    @Test
    public void anUnknownCommandIsLoggedAsTheFunctionsErrorAndNotDelivered() throws Exception {
        Path log = Path.of(System.getProperty("user.dir"), "target", "itest.log");
        long logStart = Files.size(log);
        JsonNode type = eventType(END);
        String bad = deployFunction(BAD, "exploder", END, "async function lambda(input) { return {type: 'explode'}; }", skillOf(type));

        Api.Answer answer = webhookAsAdmin(type.get("webhookPath").asText(), sample(type), BAD);

        assertEquals(answer.body().toString(), 202, answer.status());
        String invocations = "/accounts/" + BAD + "/functions/" + bad + "/invocations";
        await("the function ran", Duration.ofSeconds(30), () -> admin.get(invocations).body().at("/total").asInt() == 1);
        String invocationId = admin.get(invocations).body().at("/items/0/id").asText();
        await("the broken contract is logged for invocation " + invocationId, Duration.ofSeconds(30), () -> logLines(log, logStart).stream()
                .anyMatch(line -> line.contains(" WARN ") && line.contains(invocationId) && line.contains("com.switchboard.function.invalid-result")
                        && line.contains("Unknown callback command \"explode\"")));

        // A valid result raised after that is delivered; nothing was delivered for the broken one before it.
        deployFunction(GOOD, "idle-closer", "messaging_conversation_idle", "async function lambda(input) { return {type: 'closeConversation'}; }",
                skillOf(eventType("messaging_conversation_idle")));
        JsonNode idle = eventType("messaging_conversation_idle");
        assertEquals(202, webhookAsAdmin(idle.get("webhookPath").asText(), sample(idle), GOOD).status());
        Delivery delivery = deliveries.poll(30, TimeUnit.SECONDS);
        assertNotNull("the later valid result within 30 s", delivery);
        assertEquals(GOOD, delivery.account());
        assertTrue("nothing for " + BAD + ": " + deliveries, deliveries.stream().noneMatch(d -> BAD.equals(d.account())));
    }

    private static String skillOf(JsonNode type) {
        return "\"skills\":[" + Api.quote(type.at("/samplePayload/skillId").asText()) + "]";
    }

    private boolean services(String objectClass, String filter) {
        try {
            return context.getServiceReferences(objectClass, filter) != null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
    }

    private static List<String> logLines(Path log, long from) {
        try {
            byte[] all = Files.readAllBytes(log);
            return new String(all, (int) from, all.length - (int) from, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
