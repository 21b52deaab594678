package io.switchboard.source.thirdpartybots.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.camel.api.InvalidResultException;
import io.switchboard.camel.api.ResultContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bot's answer (Custom Integration, Post Hook, Error Hook): {@code {"messages": [text or structured content],
 * "context": {...}, "actions": [{"name": TRANSFER|CLOSE_CONVERSATION|CHANGE_TTR, "parameters": {...}}]}}.
 * Unknown actions, or actions without the parameters they need, are an error of the function.
 */
final class BotResponseContract implements ResultContract {

    static final Set<String> ACTIONS = Set.of("TRANSFER", "CLOSE_CONVERSATION", "CHANGE_TTR");

    @Override
    public Object map(String resultJson) {
        JsonNode result = Json.parse(resultJson);
        if (result.isNull()) {
            return Map.of("messages", List.of(), "actions", List.of());
        }
        if (!result.isObject()) {
            throw new InvalidResultException("A bot answers {\"messages\": [...], \"actions\": [...]}, not " + resultJson);
        }
        JsonNode messages = result.path("messages");
        if (!messages.isMissingNode() && !(messages.isArray() && allTextOrObjects(messages))) {
            throw new InvalidResultException("messages must be a list of texts or structured content objects, not " + messages);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("messages", messages.isMissingNode() ? List.of() : Json.plain(messages));
        if (result.has("context")) {
            response.put("context", Json.plain(result.get("context")));
        }
        response.put("actions", actions(result.path("actions")));
        return response;
    }

    private static boolean allTextOrObjects(JsonNode messages) {
        for (JsonNode message : messages) {
            if (!message.isTextual() && !message.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static List<Object> actions(JsonNode actions) {
        if (actions.isMissingNode() || actions.isNull()) {
            return List.of();
        }
        if (!actions.isArray()) {
            throw new InvalidResultException("actions must be a list, not " + actions);
        }
        List<Object> result = new ArrayList<>();
        for (JsonNode action : actions) {
            String name = action.path("name").asText("");
            if (!ACTIONS.contains(name)) {
                throw new InvalidResultException("Unknown bot action '" + name + "': use one of " + ACTIONS);
            }
            JsonNode parameters = action.path("parameters");
            if (name.equals("TRANSFER") && !parameters.hasNonNull("skill") && !parameters.hasNonNull("agentId")) {
                throw new InvalidResultException("TRANSFER needs parameters.skill or parameters.agentId");
            }
            if (name.equals("CHANGE_TTR") && !parameters.hasNonNull("ttrType")) {
                throw new InvalidResultException("CHANGE_TTR needs parameters.ttrType");
            }
            result.add(Json.plain(action));
        }
        return result;
    }
}
