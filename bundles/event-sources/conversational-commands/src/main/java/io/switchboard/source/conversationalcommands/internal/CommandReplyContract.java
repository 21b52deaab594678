package io.switchboard.source.conversationalcommands.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.camel.api.InvalidResultException;
import io.switchboard.camel.api.ResultContract;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A command function returns {@code {"reply": text, "sendToConversation": bool}}, or nothing when the command is
 * not its own; the agent workspace gets the reply and whether to post it into the conversation.
 */
final class CommandReplyContract implements ResultContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Object map(String resultJson) {
        JsonNode result = parse(resultJson);
        if (result.isNull() || result.isMissingNode()) {
            return null;
        }
        if (!result.isObject() || !result.path("reply").isTextual()) {
            throw new InvalidResultException("A conversational command returns {\"reply\": \"text\"} or nothing, not " + resultJson);
        }
        JsonNode send = result.path("sendToConversation");
        if (!send.isMissingNode() && !send.isBoolean()) {
            throw new InvalidResultException("sendToConversation must be true or false, not " + send);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("reply", result.get("reply").asText());
        reply.put("sendToConversation", send.asBoolean(false));
        return reply;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidResultException("The result is not JSON: " + e.getOriginalMessage());
        }
    }
}
