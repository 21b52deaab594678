package io.switchboard.itests.sources;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.itests.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * LivePerson's synchronous contracts end to end in a real Felix: the catalogue lists LivePerson's ids; LivePerson's own
 * payloads posted to the conversational command and Third-Party Bots webhooks run the one function the command or the
 * bot names, written the way LivePerson's docs write them, and come back in LivePerson's shapes (a reply string, a bot
 * response, the vendor's payload, 204 for the error hook, 901 for a failing function).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EventSourcesIT extends EventSourceTestSupport {

    static final List<String> LIVEPERSON_IDS = List.of("bot_connectors_custom_integration", "bot_connectors_error_hook",
            "bot_connectors_post_hook", "bot_connectors_pre_hook", "controllerbot_messaging_consumer_step_up",
            "controllerbot_messaging_conversation_end", "controllerbot_messaging_conversation_idle",
            "controllerbot_messaging_conversation_routing", "controllerbot_messaging_mid_conversation_msg",
            "controllerbot_messaging_new_conversation", "controllerbot_messaging_participants_change", "controllerbot_messaging_ttr",
            "conversational_command", "denver_post_survey_email_transcript", "surveybot_messaging_survey_ended",
            "surveybot_messaging_survey_started");
    /** LivePerson's Conversational Command payload (ES-CC). */
    private static final String COMMAND_PAYLOAD = "{\"conversationId\": \"4711\", \"arguments\": [\"echo\", \"this\", \"message\"]}";
    /** LivePerson's Custom Integration payload: the destructuring example of TPB-CI, with a message. */
    private static final String BOT_PAYLOAD = "{\"message\": \"I want to talk to an agent\", \"convId\": \"c-42\", \"context\": "
            + "{\"lpEvent\": {\"type\": \"ContentEvent\"}, \"lpSdes\": {\"unauthenticatedSdes\": {}, \"authenticatedSdes\": {}}}}";
    /** A chat's WELCOME event: no message. */
    private static final String WELCOME_PAYLOAD = "{\"event\": {\"name\": \"WELCOME\"}, \"convId\": \"c-43\", \"context\": {\"lpEvent\": {}}}";
    /** LivePerson's Custom Integration bot, written as TPB-CI and LivePerson's template write it. */
    private static final String BOT_CODE = """
            function lambda(input, callback) {
              const { message, convId, event: { name: eventName = "" } = {}, context: { lpEvent, lpSdes } } = input.payload;
              if (eventName === "WELCOME") {
                return callback(null, { messages: ["Welcome to " + convId] });
              }
              callback(null, {
                messages: ["You said: " + message],
                context: { action: "TRANSFER", actionParameters: { skill: "human-agents" } },
              });
            }
            """;

    @Test
    public void theCatalogueListsLivePersonsIdsAndNoneOfTheOldOnes() {
        List<String> ids = new ArrayList<>();
        admin.get("/event-types").body().get("items").forEach(item -> ids.add(item.get("id").asText()));

        assertTrue(ids.toString(), ids.containsAll(LIVEPERSON_IDS));
        assertFalse(ids.toString(), ids.stream().anyMatch(id -> id.startsWith("messaging_") || id.startsWith("third_party_bots")
                || id.startsWith("chat_post_survey")));
        JsonNode command = eventType("conversational_command");
        assertEquals("COMMAND", command.get("selection").asText());
        assertEquals("/events/conversational-commands/commands/{commandName}", command.get("webhookPath").asText());
        assertEquals(30, command.get("defaultLimit").asInt());
        JsonNode bot = eventType("bot_connectors_custom_integration");
        assertEquals("BOT", bot.get("selection").asText());
        assertEquals(15, bot.get("defaultLimit").asInt());
        assertEquals("Messaging Line in Off-Hours", eventType("controllerbot_messaging_mid_conversation_msg").get("displayName").asText());
        assertEquals(404, admin.get("/event-types/messaging_conversation_end").status());
    }

    @Test
    public void aCommandRunsOnlyTheFunctionNamedLikeItAndItsStringIsTheAnswer() {
        String account = newAccount();
        deployFunction(account, "echo", "conversational_command",
                "function lambda(input, callback) { callback(null, input.payload.arguments.slice(1).join(' ')); }", null);
        String other = deployFunction(account, "order", "conversational_command",
                "function lambda(input, callback) { callback(null, 'order'); }", null);
        deployFunction(account, "count", "conversational_command", "function lambda(input, callback) { callback(null, 42); }", null);
        deployFunction(account, "note", "conversational_command", "function lambda(input, callback) { callback(null, {saved: true}); }", null);
        deployFunction(account, "fail", "conversational_command",
                "function lambda(input, callback) { callback(new Error('Order service is down')); }", null);

        Api.Answer echo = webhookAsAdmin("/events/conversational-commands/commands/echo", COMMAND_PAYLOAD, account);
        Api.Answer count = webhookAsAdmin("/events/conversational-commands/commands/count", COMMAND_PAYLOAD, account);
        Api.Answer note = webhookAsAdmin("/events/conversational-commands/commands/note", COMMAND_PAYLOAD, account);
        Api.Answer failing = webhookAsAdmin("/events/conversational-commands/commands/fail", COMMAND_PAYLOAD, account);
        Api.Answer unknown = webhookAsAdmin("/events/conversational-commands/commands/nope", COMMAND_PAYLOAD, account);

        assertEquals(echo.body().toString(), 200, echo.status());
        assertEquals("this message", echo.body().asText());
        assertEquals(42, count.body().asInt());
        assertTrue("a generic success is null: " + note.body(), note.body().isNull());
        assertEquals(failing.body().toString(), 901, failing.status());
        assertEquals("com.liveperson.faas.handler.custom-failure", failing.text("/errorCode"));
        assertTrue(failing.text("/errorMsg").contains("Order service is down"));
        assertEquals(404, unknown.status());
        assertEquals("only the command's own function ran", 0,
                admin.get("/accounts/" + account + "/functions/" + other + "/invocations").body().at("/total").asInt());
    }

    @Test
    public void aBotRunsTheFunctionItIsConfiguredWithAndItsActionsComeBackInLivePersonsShape() {
        String account = newAccount();
        String botFunction = deployFunction(account, "my-bot", "bot_connectors_custom_integration", BOT_CODE, null);
        String otherBot = deployFunction(account, "other-bot", "bot_connectors_custom_integration",
                "function lambda(input, callback) { callback(null, {messages: ['wrong bot']}); }", null);
        createBot(account, "bot-7", "faas", "\"bot_connectors_custom_integration\": \"my-bot\"");

        Api.Answer answer = webhookAsAdmin("/events/third-party-bots/bots/bot-7/custom-integration", BOT_PAYLOAD, account);
        Api.Answer welcome = webhookAsAdmin("/events/third-party-bots/bots/bot-7/custom-integration", WELCOME_PAYLOAD, account);
        Api.Answer unknownBot = webhookAsAdmin("/events/third-party-bots/bots/bot-8/custom-integration", BOT_PAYLOAD, account);
        Api.Answer noHook = webhookAsAdmin("/events/third-party-bots/bots/bot-7/pre-hook", "{}", account);

        assertEquals(answer.body().toString(), 200, answer.status());
        assertEquals("You said: I want to talk to an agent", answer.text("/messages/0"));
        assertEquals("TRANSFER", answer.text("/context/action"));
        assertEquals("human-agents", answer.text("/context/actionParameters/skill"));
        assertEquals(welcome.body().toString(), "Welcome to c-43", welcome.text("/messages/0"));
        assertEquals(404, unknownBot.status());
        assertEquals(404, noHook.status());
        assertEquals(2, admin.get("/accounts/" + account + "/functions/" + botFunction + "/invocations").body().at("/total").asInt());
        assertEquals(0, admin.get("/accounts/" + account + "/functions/" + otherBot + "/invocations").body().at("/total").asInt());
    }

    @Test
    public void aBotResponseThatBreaksTheContractIsAnswered901AndRecordedAsTheFunctionsError() {
        String account = newAccount();
        String dancer = deployFunction(account, "dancer", "bot_connectors_custom_integration",
                "function lambda(input, callback) { callback(null, {messages: ['x'], context: {action: 'DANCE'}}); }", null);
        createBot(account, "dancer-bot", "faas", "\"bot_connectors_custom_integration\": \"dancer\"");

        Api.Answer answer = webhookAsAdmin("/events/third-party-bots/bots/dancer-bot/custom-integration", BOT_PAYLOAD, account);

        assertEquals(answer.body().toString(), 901, answer.status());
        assertTrue(answer.text("/errorMsg"), answer.text("/errorMsg").contains("invalid-result"));
        JsonNode record = admin.get("/accounts/" + account + "/functions/" + dancer + "/invocations").body().at("/items/0");
        assertEquals("ERROR", record.get("outcome").asText());
        assertEquals("com.switchboard.function.invalid-result", record.at("/error/errorCode").asText());
    }

    @Test
    public void aBotsInvocationActionInvokesTheLambdaOfTheAccount() {
        String account = newAccount();
        String child = deployFunction(account, "notify-crm", null,
                "function lambda(input, callback) { console.info('CRM notified about ' + input.payload.convId); callback(null, {ok: true}); }", null);
        deployFunction(account, "invoking-bot", "bot_connectors_custom_integration", "function lambda(input, callback) {"
                + " callback(null, {messages: ['One moment'], context: {action: 'INVOCATION', actionParameters: {lambdaUuid: '" + child + "',"
                + " payload: {convId: input.payload.convId}, failOnError: true}}}); }", null);
        createBot(account, "crm-bot", "faas", "\"bot_connectors_custom_integration\": \"invoking-bot\"");

        Api.Answer answer = webhookAsAdmin("/events/third-party-bots/bots/crm-bot/custom-integration", BOT_PAYLOAD, account);

        assertEquals(answer.body().toString(), 200, answer.status());
        assertEquals("One moment", answer.text("/messages/0"));
        JsonNode record = admin.get("/accounts/" + account + "/functions/" + child + "/invocations").body().at("/items/0");
        assertEquals("FUNCTION", record.get("trigger").asText());
        assertEquals("CRM notified about c-42", record.at("/logs/0/message").asText());
    }

    @Test
    public void theHooksGetTheVendorsPayloadAndItsVendorAndTheErrorHookSendsNothingBack() {
        String account = newAccount();
        deployFunction(account, "pre", "bot_connectors_pre_hook", "function lambda(input, callback) {"
                + " const { payload } = input; payload.message += 'preHook';"
                + " payload.vendor = input.headers.find(h => h.key === 'X-Switchboard-Bot-Vendor').value; return callback(null, payload); }", null);
        deployFunction(account, "post", "bot_connectors_post_hook", "function lambda(input, callback) {"
                + " const { payload } = input; payload.messages.push('Anything else?'); callback(null, payload); }", null);
        String onError = deployFunction(account, "on-error", "bot_connectors_error_hook", "function lambda(input, callback) {"
                + " console.error(input.payload.vendor + ' failed: ' + input.payload.error.name); callback(null, {ignored: true}); }", null);
        createBot(account, "df-bot", "dialogflowv2", "\"bot_connectors_pre_hook\": \"pre\", \"bot_connectors_post_hook\": \"post\","
                + " \"bot_connectors_error_hook\": \"on-error\"");

        Api.Answer pre = webhookAsAdmin("/events/third-party-bots/bots/df-bot/pre-hook",
                "{\"convId\": \"c-1\", \"context\": {\"lpEvent\": {}, \"lpSdes\": {}}, \"message\": \"customer message\"}", account);
        Api.Answer post = webhookAsAdmin("/events/third-party-bots/bots/df-bot/post-hook", "{\"context\": {}, \"messages\": [\"Hi\"]}", account);
        Api.Answer error = webhookAsAdmin("/events/third-party-bots/bots/df-bot/error-hook",
                sample(eventType("bot_connectors_error_hook")), account);

        assertEquals(pre.body().toString(), 200, pre.status());
        assertEquals("customer messagepreHook", pre.text("/message"));
        assertEquals("dialogflowv2", pre.text("/vendor"));
        assertEquals("Anything else?", post.text("/messages/1"));
        assertEquals(error.body().toString(), 204, error.status());
        assertEquals("OK", admin.get("/accounts/" + account + "/functions/" + onError + "/invocations").body().at("/items/0/outcome").asText());
    }

    @Test
    public void aConversationBuilderBotInvokesAFunctionByIdSynchronously() {
        String account = newAccount();
        String id = deployFunction(account, "lookup", null,
                "async function lambda(input) { return {tier: input.payload.customerId === 'C-1' ? 'gold' : 'basic'}; }", null);

        Api.Answer answer = webhookAsAdmin("/events/conversation-builder/invoke",
                "{\"functionId\":" + Api.quote(id) + ",\"payload\":{\"customerId\":\"C-1\"}}", account);
        Api.Answer unknown = webhookAsAdmin("/events/conversation-builder/invoke", "{\"functionId\":\"no-such-function\",\"payload\":{}}", account);

        assertEquals(answer.body().toString(), 200, answer.status());
        assertEquals("OK", answer.text("/outcome"));
        assertEquals("gold", answer.text("/result/tier"));
        assertEquals(unknown.body().toString(), 404, unknown.status());
    }

    @Test
    public void aConfirmedFieldOfTheWrongTypeIsAnswered400NamingItsPointerAndNothingRuns() {
        String account = newAccount();
        String function = deployFunction(account, "echo", "conversational_command",
                "function lambda(input, callback) { callback(null, 'ran'); }", null);

        Api.Answer answer = webhookAsAdmin("/events/conversational-commands/commands/echo",
                "{\"conversationId\": \"4711\", \"arguments\": [1, 2], \"fieldLivePersonAddsLater\": true}", account);

        assertEquals(answer.body().toString(), 400, answer.status());
        assertEquals("/arguments/0", answer.text("/errors/0/field"));
        assertEquals(0, admin.get("/accounts/" + account + "/functions/" + function + "/invocations").body().at("/total").asInt());
    }

    /** The requests of docs/api.md ("Raising events", "Bots"), as the docs write them. */
    @Test
    public void theApiRaisesACommandAndAnEventForASkillAndKeepsBotsAsTheDocsShow() {
        String account = newAccount();
        deployFunction(account, "echo", "conversational_command",
                "function lambda(input, callback) { callback(null, input.payload.arguments[1]); }", null);
        String closer = deployFunction(account, "closer", "controllerbot_messaging_conversation_end",
                "function lambda(input, callback) { callback(null, [{type: 'closeConversation'}]); }", "\"skills\": [\"42\"]");
        deployFunction(account, "sales-bot-handler", "bot_connectors_custom_integration",
                "function lambda(input, callback) { callback(null, {messages: ['hi']}); }", null);

        Api.Answer command = admin.post("/accounts/" + account + "/events/conversational_command?commandName=echo",
                "{\"payload\": {\"conversationId\": \"c-1\", \"arguments\": [\"echo\", \"hello\"]}}");
        Api.Answer async = admin.post("/accounts/" + account + "/events/controllerbot_messaging_conversation_end?skillId=42",
                "{\"payload\": " + sample(eventType("controllerbot_messaging_conversation_end")) + "}");
        Api.Answer withoutCommand = admin.post("/accounts/" + account + "/events/conversational_command",
                "{\"payload\": {\"conversationId\": \"c-1\", \"arguments\": []}}");
        Api.Answer bot = admin.post("/accounts/" + account + "/bots", "{\"id\": \"sales-bot\", \"vendor\": \"faas\", "
                + "\"functions\": {\"bot_connectors_custom_integration\": \"sales-bot-handler\"}}");
        Api.Answer wrongVendor = admin.post("/accounts/" + account + "/bots", "{\"id\": \"other-bot\", \"vendor\": \"eliza\"}");

        assertEquals(command.body().toString(), 200, command.status());
        assertEquals("SYNC", command.text("/mode"));
        assertEquals("hello", command.text("/result"));
        assertEquals("hello", command.text("/outcomes/0/result"));
        assertEquals(async.body().toString(), 202, async.status());
        assertEquals("ASYNC", async.text("/mode"));
        await("the event's function ran", Duration.ofSeconds(30),
                () -> admin.get("/accounts/" + account + "/functions/" + closer + "/invocations").body().at("/total").asInt() == 1);
        assertEquals(withoutCommand.body().toString(), 400, withoutCommand.status());
        assertEquals(bot.body().toString(), 201, bot.status());
        assertEquals("faas", bot.text("/vendor"));
        assertTrue(admin.get("/accounts/" + account + "/functions").body().toString().contains(bot.text("/functions/bot_connectors_custom_integration")));
        assertEquals(400, wrongVendor.status());
        assertEquals("/vendor", wrongVendor.text("/errors/0/field"));
        assertEquals(204, admin.delete("/accounts/" + account + "/bots/sales-bot").status());
        assertEquals(404, admin.get("/accounts/" + account + "/bots/sales-bot").status());
    }

    private void createBot(String account, String botId, String vendor, String functions) {
        Api.Answer created = admin.post("/accounts/" + account + "/bots", "{\"id\": " + Api.quote(botId) + ", \"vendor\": " + Api.quote(vendor)
                + ", \"functions\": {" + functions + "}}");
        assertEquals(created.body().toString(), 201, created.status());
        await("the bot is there", Duration.ofSeconds(5), () -> admin.get("/accounts/" + account + "/bots/" + botId).status() == 200);
    }
}
