package io.switchboard.core.internal.dispatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.api.event.ResultDelivery;
import io.switchboard.core.internal.json.Json;

/**
 * Normalises the valid results of an event's functions and combines them into what the caller receives, per the type's
 * {@link ResultDelivery}. Results come in function-name order; they have passed the type's result schema already, so
 * what does not fit a rule here is what the rule ignores (e.g. a survey's {@code 'ok'}).
 */
final class ResultCombiner {

    static final String COMMANDS = "commands";
    static final String USE_DEFAULT_AUTO_MESSAGE = "useDefaultAutoMessage";
    static final String EMAILS = "emails";

    private ResultCombiner() {
    }

    /**
     * The combined result as JSON text.
     *
     * @param results each function's result as JSON text ({@code null}: it returned nothing), in function-name order
     */
    static String combine(ResultDelivery delivery, List<String> results) {
        List<JsonNode> parsed = results.stream().map(ResultCombiner::parse).toList();
        JsonNode combined = switch (delivery) {
            case COMMANDS -> commands(parsed, true);
            case SURVEY_COMMANDS -> commands(parsed, false);
            case EMAILS -> emails(parsed);
            case COMMAND_REPLY -> parsed.isEmpty() ? Json.mapper().nullNode() : reply(parsed.get(0));
            case BOT_RESPONSE, SINGLE -> parsed.size() == 1 ? parsed.get(0) : Json.mapper().createArrayNode().addAll(parsed);
            case NONE -> Json.mapper().nullNode();
        };
        return Json.write(combined);
    }

    /**
     * {@code {"commands": [...], "useDefaultAutoMessage": bool}}: the commands of every function, the first of each type
     * kept. Messaging: a function that returned nothing asks for the default automatic message, which is sent unless a
     * command sets a message; {@code []} asks for nothing. Survey: anything but a command or a list of them is no command.
     */
    private static ObjectNode commands(List<JsonNode> results, boolean defaultMessage) {
        Map<String, JsonNode> firstOfType = new LinkedHashMap<>();
        boolean askedForDefault = false;
        for (JsonNode result : results) {
            if (result.isNull()) {
                askedForDefault = true;
            }
            for (JsonNode command : commandsOf(result)) {
                firstOfType.putIfAbsent(command.path("type").asText(), command);
            }
        }
        ObjectNode combined = Json.mapper().createObjectNode();
        combined.putArray(COMMANDS).addAll(new ArrayList<>(firstOfType.values()));
        combined.put(USE_DEFAULT_AUTO_MESSAGE, defaultMessage && askedForDefault && !firstOfType.containsKey("systemMessage"));
        return combined;
    }

    private static List<JsonNode> commandsOf(JsonNode result) {
        List<JsonNode> commands = new ArrayList<>();
        if (result.isObject() && result.has("type")) {
            commands.add(result);
        } else if (result.isArray()) {
            result.forEach(item -> {
                if (item.isObject() && item.has("type")) {
                    commands.add(item);
                }
            });
        }
        return commands;
    }

    /** {@code {"emails": [...]}}: every function's e-mails, concatenated; nothing returned is none. */
    private static ObjectNode emails(List<JsonNode> results) {
        ObjectNode combined = Json.mapper().createObjectNode();
        ArrayNode emails = combined.putArray(EMAILS);
        results.stream().filter(JsonNode::isArray).forEach(array -> emails.addAll((ArrayNode) array));
        return combined;
    }

    /** A string or number is the reply the agent sees; anything else a generic success (null). */
    private static JsonNode reply(JsonNode result) {
        return result.isTextual() || result.isNumber() ? result : Json.mapper().nullNode();
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return Json.mapper().nullNode();
        }
        try {
            JsonNode node = Json.parse(json);
            return node == null || node.isMissingNode() ? Json.mapper().nullNode() : node;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A result that passed its schema is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
