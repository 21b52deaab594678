package io.switchboard.itests.sources;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.itests.Api;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * LivePerson's asynchronous families end to end: LivePerson's payloads posted to the System Messages, Post Conversation
 * Survey and Chat Post Survey webhooks run functions written the way LivePerson's docs write them, and each settled event
 * reaches the account's result receiver once, signed, with the combined result (commands and useDefaultAutoMessage, or
 * the e-mails); a result that breaks the contract is the function's error, retried as the family's configuration says,
 * and the event is dead-lettered, never delivered.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AsyncResultsIT extends EventSourceTestSupport {

    private static final String SECRET = "itest-callback-secret";
    private static final String ACCOUNT = "acct-results";
    private static final List<String> PIDS = List.of("io.switchboard.source.systemmessages", "io.switchboard.source.postconversationsurvey",
            "io.switchboard.source.chatpostsurvey");
    /** LivePerson's messaging function: reads the nested payload, answers a systemMessage (ES-AM, D-BP). */
    private static final String MESSAGING_CODE = "function lambda(input, callback) { let conversation = input.payload;"
            + " let result = [{type: 'systemMessage', text: conversation.general.cbotEventType + ' ' + conversation.general.convId},"
            + " {type: 'systemMessage', text: 'only the first message counts'}]; callback(null, result); }";

    /** One delivery the callback server received. */
    private record Delivery(String account, String timestamp, String signature, String body, JsonNode json) {
    }

    private final Map<String, Delivery> deliveries = new ConcurrentHashMap<>();
    private final List<String> deliveredEvents = new CopyOnWriteArrayList<>();
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
    public void startCallbackServerAndConfigureTheFamilies() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/callbacks/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // Answered before the test sees it, so a test that ends and stops the server never cuts a delivery short.
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            JsonNode json = JSON.readTree(body);
            deliveredEvents.add(json.get("eventId").asText());
            deliveries.put(json.get("eventId").asText(), new Delivery(exchange.getRequestHeaders().getFirst("X-Switchboard-Account"),
                    exchange.getRequestHeaders().getFirst("X-Switchboard-Timestamp"), exchange.getRequestHeaders().getFirst("X-Switchboard-Signature"),
                    body, json));
        });
        server.start();
        // The dispatcher's configuration first: its change restarts the dispatcher and, with it, every route.
        org.osgi.service.cm.Configuration backoff = configurationAdmin.getConfiguration("io.switchboard.core.dispatch", "?");
        if (backoff.getProperties() == null || !"10".equals(String.valueOf(backoff.getProperties().get("asyncBackoffMs")))) {
            Dictionary<String, Object> fast = new Hashtable<>();
            fast.put("asyncBackoffMs", 10L);
            backoff.update(fast);
        }
        await("the dispatcher retries fast", Duration.ofSeconds(30),
                () -> services("io.switchboard.core.api.dispatch.EventDispatcher", "(asyncBackoffMs=10)"));
        String callback = callbackOf(ACCOUNT);
        for (String pid : PIDS) {
            org.osgi.service.cm.Configuration configuration = configurationAdmin.getConfiguration(pid, "?");
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("callbackUrls", new String[] {callback});
            properties.put("signingSecret", SECRET);
            properties.put("maximumRedeliveries", 0);
            properties.put("redeliveryDelayMs", 1L);
            // Read by the event-type extender: a failed function is retried once, not three times.
            properties.put("retries", pid.endsWith("chatpostsurvey") ? "0" : "1");
            configuration.update(properties);
        }
        awaitFamiliesDeliverTo(callback);
        await("the families' retries are applied", Duration.ofSeconds(30), () ->
                admin.get("/event-types/controllerbot_messaging_conversation_end").body().path("retries").asInt() == 1
                && admin.get("/event-types/surveybot_messaging_survey_ended").body().path("retries").asInt() == 1
                && admin.get("/event-types/denver_post_survey_email_transcript").body().path("retries").asInt() == 0);
    }

    /** The callback entry of an account: each account gets its own path on the test's server. */
    private String callbackOf(String account) {
        return account + "=http://127.0.0.1:" + server.getAddress().getPort() + "/callbacks/" + account;
    }

    /**
     * A configuration change restarts a family's routes: an event that settles before its results route runs again is not
     * delivered (docs/liveperson-compatibility.md). Waits until every family's routes run with the entry: the route
     * builder carries it, every webhook answers (405 to a GET, not 404) and every asynchronous type has its listener.
     */
    private void awaitFamiliesDeliverTo(String entry) {
        await("the families' routes run with the callback " + entry, Duration.ofSeconds(30), () -> {
            for (String routes : List.of("systemmessages.internal.SystemMessagesRoutes",
                    "postconversationsurvey.internal.PostConversationSurveyRoutes", "chatpostsurvey.internal.ChatPostSurveyRoutes")) {
                if (!services("org.apache.camel.RoutesBuilder", "(&(component.name=io.switchboard.source." + routes + ")(callbackUrls=" + entry + "))")) {
                    return false;
                }
            }
            for (String id : EventSourcesIT.LIVEPERSON_IDS) {
                JsonNode type = admin.get("/event-types/" + id).body();
                if (!"ASYNC".equals(type.path("mode").asText())) {
                    continue;
                }
                if (statusOfGet(type.path("webhookPath").asText()) != 405
                        || !services("io.switchboard.core.api.dispatch.SettledEventListener", "(switchboard.event.type.id=" + id + ")")) {
                    return false;
                }
            }
            return true;
        });
    }

    @After
    public void stopCallbackServer() {
        server.stop(0);
    }

    @Test
    public void everyMessagingEventIsDeliveredOnceWithItsCommandsTheFirstOfEachTypeKept() throws Exception {
        for (String id : EventSourcesIT.LIVEPERSON_IDS.stream().filter(id -> id.startsWith("controllerbot_")).toList()) {
            JsonNode type = eventType(id);
            assertEquals(id, "ASYNC", type.get("mode").asText());
            assertEquals(id, "COMMANDS", type.get("delivery").asText());
            String function = deployFunction(ACCOUNT, "on-" + id.substring("controllerbot_messaging_".length()).replace('_', '-'), id,
                    MESSAGING_CODE, null);

            Api.Answer answer = webhookAsAdmin(type.get("webhookPath").asText(), sample(type), ACCOUNT);

            assertEquals(id + ": " + answer.body(), 202, answer.status());
            Delivery delivery = awaitDelivery(answer.text("/eventId"));
            assertEquals(ACCOUNT, delivery.account());
            // Signed as a webhook call is: "<timestamp>.<body>", the timestamp in Unix seconds of the delivery.
            assertTrue(delivery.timestamp(), Math.abs(Long.parseLong(delivery.timestamp()) - System.currentTimeMillis() / 1000) < 60);
            assertEquals("sha256=" + hmac(delivery.timestamp() + "." + delivery.body()), delivery.signature());
            JsonNode body = delivery.json();
            assertEquals(id, body.get("eventType").asText());
            assertEquals(ACCOUNT, body.get("account").asText());
            assertTrue(body.get("skillId").isNull());
            assertEquals(body.toString(), 1, body.get("commands").size());
            assertEquals(type.at("/samplePayload/general/cbotEventType").asText() + " " + type.at("/samplePayload/general/convId").asText(),
                    body.at("/commands/0/text").asText());
            assertFalse(body.get("useDefaultAutoMessage").asBoolean());
            assertEquals(function, body.at("/functions/0/id").asText());
            assertEquals(1, body.at("/functions/0/version").asInt());
        }
    }

    @Test
    public void noResultAsksForTheDefaultAutomaticMessageAndAnEmptyListForNothing() throws Exception {
        String account = "acct-default";
        configureCallbackFor(account);
        JsonNode idle = eventType("controllerbot_messaging_conversation_idle");
        JsonNode ttr = eventType("controllerbot_messaging_ttr");
        deployFunction(account, "idle-default", idle.get("id").asText(), "function lambda(input, callback) { callback(); }", "\"skills\":[\"42\"]");
        deployFunction(account, "ttr-nothing", ttr.get("id").asText(), "function lambda(input, callback) { callback(null, []); }",
                "\"skills\":[\"42\"]");

        JsonNode defaultMessage = awaitDelivery(webhookAsAdmin(idle.get("webhookPath").asText() + "?skillId=42", sample(idle), account)
                .text("/eventId")).json();
        JsonNode nothing = awaitDelivery(webhookAsAdmin(ttr.get("webhookPath").asText() + "?skillId=42", sample(ttr), account)
                .text("/eventId")).json();

        assertTrue(defaultMessage.get("useDefaultAutoMessage").asBoolean());
        assertEquals(0, defaultMessage.get("commands").size());
        assertEquals("42", defaultMessage.get("skillId").asText());
        assertFalse(nothing.get("useDefaultAutoMessage").asBoolean());
        assertEquals(0, nothing.get("commands").size());
    }

    @Test
    public void aResultThatBreaksTheContractIsRetriedAsConfiguredRecordedAsAnErrorAndNeverDelivered() throws Exception {
        JsonNode type = eventType("controllerbot_messaging_new_conversation");
        String account = "acct-broken";
        configureCallbackFor(account);
        String broken = deployFunction(account, "old-contract", type.get("id").asText(),
                "function lambda(input, callback) { callback(null, {type: 'sendMessage', text: 'hi'}); }", null);

        Api.Answer answer = webhookAsAdmin(type.get("webhookPath").asText(), sample(type), account);

        assertEquals(202, answer.status());
        String eventId = answer.text("/eventId");
        await("the event is dead-lettered", Duration.ofSeconds(30),
                () -> admin.get("/accounts/" + account + "/dead-letters").body().at("/total").asInt() == 1);
        JsonNode records = admin.get("/accounts/" + account + "/functions/" + broken + "/invocations").body();
        assertEquals("one retry, as the family's configuration says", 2, records.at("/total").asInt());
        records.get("items").forEach(record -> {
            assertEquals("ERROR", record.get("outcome").asText());
            assertEquals("com.switchboard.function.invalid-result", record.at("/error/errorCode").asText());
        });
        assertEquals(eventId, admin.get("/accounts/" + account + "/dead-letters").text("/items/0/eventId"));
        assertFalse(deliveries.containsKey(eventId));
    }

    @Test
    public void aSurveyFunctionsOkIsNoCommandAndItsCommandsAreDelivered() throws Exception {
        JsonNode started = eventType("surveybot_messaging_survey_started");
        JsonNode ended = eventType("surveybot_messaging_survey_ended");
        deployFunction(ACCOUNT, "survey-started", started.get("id").asText(), "function lambda(input, callback) { callback(null, 'ok'); }", null);
        deployFunction(ACCOUNT, "survey-ended", ended.get("id").asText(), "function lambda(input, callback) {"
                + " callback(null, [{type: 'systemMessage', text: 'Thanks for answering survey ' + input.payload.surveyId}]); }", null);

        JsonNode ok = awaitDelivery(webhookAsAdmin(started.get("webhookPath").asText(), sample(started), ACCOUNT).text("/eventId")).json();
        JsonNode thanks = awaitDelivery(webhookAsAdmin(ended.get("webhookPath").asText(), sample(ended), ACCOUNT).text("/eventId")).json();

        assertEquals(0, ok.get("commands").size());
        assertFalse(ok.get("useDefaultAutoMessage").asBoolean());
        assertEquals("Thanks for answering survey 2150823412", thanks.at("/commands/0/text").asText());
    }

    @Test
    public void chatPostSurveyRunsEveryFunctionAndDeliversTheirEmailsInNameOrderOnce() throws Exception {
        JsonNode type = eventType("denver_post_survey_email_transcript");
        String account = "acct-cps";
        configureCallbackFor(account);
        deployFunction(account, "b-manager", type.get("id").asText(), email("manager@example.com"), null);
        deployFunction(account, "a-quality", type.get("id").asText(), email("quality@example.com"), null);
        deployFunction(account, "c-none", type.get("id").asText(), "function lambda(input, callback) { callback(null, []); }", null);

        String eventId = webhookAsAdmin(type.get("webhookPath").asText(), sample(type), account).text("/eventId");
        JsonNode delivery = awaitDelivery(eventId).json();

        assertEquals(2, delivery.get("emails").size());
        assertEquals("quality@example.com", delivery.at("/emails/0/targetEmail").asText());
        assertEquals("manager@example.com", delivery.at("/emails/1/targetEmail").asText());
        assertEquals("CSAT 3 with John Doe", delivery.at("/emails/0/subject").asText());
        assertEquals(3, delivery.get("functions").size());
        assertEquals(1, deliveredEvents.stream().filter(eventId::equals).count());
    }

    @Test
    public void aFailingChatPostSurveyFunctionMeansNoEmailAndNoRetry() throws Exception {
        JsonNode type = eventType("denver_post_survey_email_transcript");
        String account = "acct-cps-failing";
        configureCallbackFor(account);
        deployFunction(account, "fine", type.get("id").asText(), email("quality@example.com"), null);
        String failing = deployFunction(account, "failing", type.get("id").asText(),
                "function lambda(input, callback) { callback(new Error('mail service down')); }", null);

        String eventId = webhookAsAdmin(type.get("webhookPath").asText(), sample(type), account).text("/eventId");

        await("the event is dead-lettered", Duration.ofSeconds(30),
                () -> admin.get("/accounts/" + account + "/dead-letters").body().at("/total").asInt() == 1);
        assertEquals("no retry for Chat Post Survey", 1,
                admin.get("/accounts/" + account + "/functions/" + failing + "/invocations").body().at("/total").asInt());
        assertFalse(deliveries.containsKey(eventId));
    }

    private static String email(String target) {
        return "function lambda(input, callback) { let { csatRank, agentName } = input.payload;"
                + " callback(null, [{targetEmail: '" + target + "', senderName: 'Chat Survey', senderEmail: 'no-reply@example.com',"
                + " subject: 'CSAT ' + csatRank + ' with ' + agentName}]); }";
    }

    /** Adds a callback entry for another account to every family (each test's own account keeps its dead letters apart). */
    private void configureCallbackFor(String account) throws Exception {
        String entry = callbackOf(account);
        for (String pid : PIDS) {
            org.osgi.service.cm.Configuration configuration = configurationAdmin.getConfiguration(pid, "?");
            Dictionary<String, Object> properties = configuration.getProperties();
            String[] urls = (String[]) properties.get("callbackUrls");
            if (!Arrays.asList(urls).contains(entry)) {
                String[] more = Arrays.copyOf(urls, urls.length + 1);
                more[urls.length] = entry;
                properties.put("callbackUrls", more);
                configuration.update(properties);
            }
        }
        awaitFamiliesDeliverTo(entry);
    }

    private Delivery awaitDelivery(String eventId) {
        assertNotNull("an event id", eventId);
        await("the delivery of event " + eventId, Duration.ofSeconds(30), () -> deliveries.containsKey(eventId));
        return deliveries.get(eventId);
    }

    private boolean services(String objectClass, String filter) {
        try {
            return context.getServiceReferences(objectClass, filter) != null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
