package io.switchboard.itests.sources;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.itests.Api;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Every event family of the distribution end to end in a real Felix: the sample payload of each event type (from the
 * catalogue), posted to its webhook path with an account key, reaches the bound functions and comes back in the
 * event's contract (SYNC) or is accepted and recorded with the function's invocation (ASYNC).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EventSourcesIT extends EventSourceTestSupport {

    private static final List<String> SYSTEM_MESSAGES = List.of("messaging_conversation_end", "messaging_conversation_idle",
            "messaging_conversation_routing", "messaging_line_in_off_hours", "messaging_consumer_step_up",
            "messaging_new_conversation", "messaging_ttr", "messaging_participants_change");
    private static final String COMMANDS_CODE = "async function lambda(input) { console.info('event ' + input.payload.conversationId);"
            + " return [{type: 'sendMessage', text: 'Thanks for waiting', systemMessage: true}, {type: 'closeConversation'}]; }";

    @Test
    public void aConversationalCommandAnswersEachFunctionsReplyForTheAgent() {
        JsonNode type = eventType("conversational_command");
        String account = newAccount();
        deployFunction(account, "order-status", "conversational_command",
                "async function lambda(input) { const c = input.payload.command;"
                        + " return {reply: 'Order ' + c.arguments[0] + ' ships today', sendToConversation: true}; }", null);
        deployFunction(account, "other-command", "conversational_command",
                "function lambda(input, callback) { callback(null, null); }", null);

        Api.Answer answer = webhookAsAdmin(type.get("webhookPath").asText(), sample(type), account);

        assertEquals(answer.body().toString(), 200, answer.status());
        assertEquals("SYNC", answer.text("/mode"));
        Map<String, JsonNode> byName = resultsByName(answer.body());
        assertEquals("Order A-100234 ships today", byName.get("order-status").at("/result/reply").asText());
        assertTrue(byName.get("order-status").at("/result/sendToConversation").asBoolean());
        assertEquals("OK", byName.get("other-command").at("/outcome").asText());
        assertTrue(byName.get("other-command").at("/result").isNull());
    }

    @Test
    public void aCustomIntegrationBotAnswersMessagesAndActionsAndAnUnknownActionIsThatFunctionsError() {
        JsonNode type = eventType("third_party_bots_custom_integration");
        assertEquals("SYNC", type.get("mode").asText());
        assertEquals(15, type.get("defaultLimit").asInt());
        String account = newAccount();
        deployFunction(account, "bot", "third_party_bots_custom_integration", "async function lambda(input) {"
                + " return {messages: ['You said: ' + input.payload.message], actions: [{name: 'TRANSFER', parameters: {skill: 'billing'}}]}; }", null);
        deployFunction(account, "dancer", "third_party_bots_custom_integration",
                "async function lambda(input) { return {actions: [{name: 'DANCE'}]}; }", null);

        Api.Answer answer = webhookAsAdmin(type.get("webhookPath").asText(), sample(type), account);

        assertEquals(answer.body().toString(), 200, answer.status());
        Map<String, JsonNode> byName = resultsByName(answer.body());
        assertEquals("You said: I want to change the delivery address of order A-100234",
                byName.get("bot").at("/result/messages/0").asText());
        assertEquals("billing", byName.get("bot").at("/result/actions/0/parameters/skill").asText());
        assertEquals("ERROR", byName.get("dancer").at("/outcome").asText());
        assertEquals("com.switchboard.function.invalid-result", byName.get("dancer").at("/error/errorCode").asText());
        assertTrue(byName.get("dancer").at("/error/errorMsg").asText().contains("DANCE"));
    }

    @Test
    public void theBotHooksAnswerTheChangedMessageAndTheFallbackResponses() {
        String account = newAccount();
        JsonNode pre = eventType("third_party_bots_pre_hook");
        JsonNode post = eventType("third_party_bots_post_hook");
        JsonNode error = eventType("third_party_bots_error_hook");
        deployFunction(account, "pre", "third_party_bots_pre_hook",
                "async function lambda(input) { return {message: input.payload.message.toUpperCase()}; }", null);
        deployFunction(account, "post", "third_party_bots_post_hook", "async function lambda(input) {"
                + " return {messages: input.payload.vendorResponse.messages.concat(['Anything else?'])}; }", null);
        deployFunction(account, "fallback", "third_party_bots_error_hook", "async function lambda(input) {"
                + " return {messages: ['Sorry, our assistant is unavailable (' + input.payload.error.code + ')'],"
                + " actions: [{name: 'TRANSFER', parameters: {skill: 'human'}}]}; }", null);

        Api.Answer preAnswer = webhookAsAdmin(pre.get("webhookPath").asText(), sample(pre), account);
        Api.Answer postAnswer = webhookAsAdmin(post.get("webhookPath").asText(), sample(post), account);
        Api.Answer errorAnswer = webhookAsAdmin(error.get("webhookPath").asText(), sample(error), account);

        assertEquals("I WANT TO CHANGE THE DELIVERY ADDRESS OF ORDER A-100234", preAnswer.text("/results/0/result/message"));
        assertEquals("Anything else?", postAnswer.text("/results/0/result/messages/1"));
        assertEquals("Sorry, our assistant is unavailable (VENDOR_TIMEOUT)", errorAnswer.text("/results/0/result/messages/0"));
        assertEquals("TRANSFER", errorAnswer.text("/results/0/result/actions/0/name"));
    }

    @Test
    public void aConversationBuilderBotInvokesAFunctionByIdSynchronously() {
        String account = newAccount();
        String id = deployFunction(account, "lookup", null,
                "async function lambda(input) { return {tier: input.payload.customerId === 'C-1' ? 'gold' : 'basic'}; }", null);

        Api.Answer answer = webhookAsAdmin("/events/conversation-builder/invoke",
                "{\"functionId\":" + Api.quote(id) + ",\"payload\":{\"customerId\":\"C-1\"}}", account);
        Api.Answer byOtherAccount = webhookAsAdmin("/events/conversation-builder/invoke",
                "{\"functionId\":\"" + account + "/" + id + "\",\"payload\":{}}", newAccount());

        assertEquals(answer.body().toString(), 200, answer.status());
        assertEquals("OK", answer.text("/outcome"));
        assertEquals("gold", answer.text("/result/tier"));
        assertEquals(byOtherAccount.body().toString(), 400, byOtherAccount.status());
        Api.Answer unknown = webhookAsAdmin("/events/conversation-builder/invoke", "{\"functionId\":\"no-such-function\",\"payload\":{}}", account);
        assertEquals(unknown.body().toString(), 404, unknown.status());
    }

    @Test
    public void aSkillAwareEventRunsOnlyTheFunctionOfThePayloadsSkill() {
        JsonNode type = eventType("messaging_ttr");
        String skill = type.at("/samplePayload/skillId").asText();
        String account = newAccount();
        String mine = deployFunction(account, "ttr-mine", "messaging_ttr", COMMANDS_CODE, "\"skills\":[" + Api.quote(skill) + "]");
        String other = deployFunction(account, "ttr-other", "messaging_ttr", COMMANDS_CODE, "\"skills\":[\"other-skill\"]");

        Api.Answer answer = webhookAsAdmin(type.get("webhookPath").asText(), sample(type), account);

        assertEquals(answer.body().toString(), 202, answer.status());
        awaitRecord(account, mine, answer.text("/eventId"));
        assertEquals(0, admin.get("/accounts/" + account + "/functions/" + other + "/invocations").body().at("/total").asInt());
    }

    @Test
    public void everySystemMessageIsAcceptedAndRunsItsFunctionInTheBackground() {
        String account = newAccount();
        for (String id : SYSTEM_MESSAGES) {
            JsonNode type = eventType(id);
            assertEquals(id, "ASYNC", type.get("mode").asText());
            assertTrue(id, type.get("supportsSkills").asBoolean());
            assertEquals(id, "/skillId", type.get("skillPointer").asText());
            assertEquals(id, 1, type.get("defaultLimit").asInt());
            assertAcceptedAndRun(account, type);
        }
    }

    @Test
    public void bothPostConversationSurveyEventsAreAcceptedAndRunTheirFunctions() {
        String account = newAccount();
        assertAcceptedAndRun(account, eventType("messaging_survey_started"));
        assertAcceptedAndRun(account, eventType("messaging_survey_ended"));
    }

    @Test
    public void theChatPostSurveyTranscriptEventIsAcceptedAndRunsItsFunction() {
        JsonNode type = eventType("chat_post_survey_email_transcript");
        assertEquals(10, type.get("defaultLimit").asInt());
        assertFalse(type.get("supportsSkills").asBoolean());
        String account = newAccount();
        String function = deployFunction(account, "transcript", type.get("id").asText(), "async function lambda(input) {"
                + " return {sendTranscript: input.payload.survey.csat >= 4, to: [input.payload.visitor.email]}; }", null);

        Api.Answer answer = webhookAsAdmin(type.get("webhookPath").asText(), sample(type), account);

        assertEquals(answer.body().toString(), 202, answer.status());
        JsonNode record = awaitRecord(account, function, answer.text("/eventId"));
        assertEquals("alex.kim@example.com", record.at("/result/to/0").asText());
        assertTrue(record.at("/result/sendTranscript").asBoolean());
    }

    private void assertAcceptedAndRun(String account, JsonNode type) {
        String id = type.get("id").asText();
        String function = deployFunction(account, "on-" + id.replace('_', '-'), id, COMMANDS_CODE, null);
        Api.Answer answer = webhook(type.get("webhookPath").asText(), sample(type), "Authorization", "Bearer " + ADMIN_KEY,
                "X-Switchboard-Account", account);
        assertEquals(id + ": " + answer.body(), 202, answer.status());
        assertEquals("ASYNC", answer.text("/mode"));
        JsonNode record = awaitRecord(account, function, answer.text("/eventId"));
        assertEquals(id, record.at("/eventType").asText());
        assertEquals("closeConversation", record.at("/result/1/type").asText());
    }

    /** The function's invocation record for the event, once the background run is done. */
    private JsonNode awaitRecord(String account, String function, String eventId) {
        String path = "/accounts/" + account + "/functions/" + function + "/invocations";
        await("the function ran for event " + eventId, Duration.ofSeconds(30),
                () -> eventId.equals(admin.get(path).body().at("/items/0/eventId").asText()));
        JsonNode record = admin.get(path).body().at("/items/0");
        assertEquals(record.toString(), "OK", record.at("/outcome").asText());
        assertEquals("EVENT", record.at("/trigger").asText());
        return record;
    }

    static Map<String, JsonNode> resultsByName(JsonNode reply) {
        Map<String, JsonNode> byName = new HashMap<>();
        reply.get("results").forEach(r -> byName.put(r.get("functionName").asText(), r));
        return byName;
    }
}
