package io.switchboard.source.thirdpartybots.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading JSON: Conversation Builder calls and function results. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The function's result is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Plain Java values (maps, lists, text, numbers) of a node, for the webhook to write. */
    static Object plain(JsonNode node) {
        return MAPPER.convertValue(node, Object.class);
    }
}
