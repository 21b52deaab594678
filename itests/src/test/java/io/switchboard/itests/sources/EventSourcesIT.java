package io.switchboard.itests.sources;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.itests.Api;
import java.util.HashMap;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Every event family of the distribution end to end in a real Felix: the sample payload of each event type, posted
 * to its webhook path with an account key, reaches the bound functions and comes back in the event's contract.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EventSourcesIT extends EventSourceTestSupport {

    @Test
    public void aConversationalCommandAnswersEachFunctionsReplyForTheAgent() {
        JsonNode type = eventType("conversational_command");
        String account = newAccount();
        deployFunction(account, "order-status", "conversational_command",
                "async function lambda(input) { const c = input.payload.command;"
                        + " return {reply: 'Order ' + c.arguments[0] + ' ships today', sendToConversation: true}; }", null);
        deployFunction(account, "other-command", "conversational_command",
                "function lambda(input, callback) { callback(null, null); }", null);

        Api.Answer answer = webhook(type.get("webhookPath").asText(), sample(type), "Authorization", "Bearer " + ADMIN_KEY,
                "X-Switchboard-Account", account);

        assertEquals(answer.body().toString(), 200, answer.status());
        assertEquals("SYNC", answer.text("/mode"));
        Map<String, JsonNode> byName = resultsByName(answer.body());
        assertEquals("Order A-100234 ships today", byName.get("order-status").at("/result/reply").asText());
        assertTrue(byName.get("order-status").at("/result/sendToConversation").asBoolean());
        assertEquals("OK", byName.get("other-command").at("/outcome").asText());
        assertTrue(byName.get("other-command").at("/result").isNull());
    }

    static Map<String, JsonNode> resultsByName(JsonNode reply) {
        Map<String, JsonNode> byName = new HashMap<>();
        reply.get("results").forEach(r -> byName.put(r.get("functionName").asText(), r));
        return byName;
    }
}
