package io.switchboard.camel.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.camel.internal.Payloads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messaging callback commands contract, shared by the messaging event families: a function returns one command, a
 * list of commands, or nothing ({@code null} or {@code []}). Commands: {@code {"type": "sendMessage", "text",
 * "systemMessage"}} ({@code systemMessage} defaults to false), {@code {"type": "transfer", "skillId" | "agentId"}},
 * {@code {"type": "closeConversation"}}, {@code {"type": "noAction"}}. Maps to the list of commands (empty for nothing);
 * anything else is an {@link InvalidResultException}.
 */
public final class CallbackCommandsContract implements ResultContract {

    @Override
    public Object map(String resultJson) {
        JsonNode result;
        try {
            result = Payloads.JSON.readTree(resultJson == null ? "null" : resultJson);
        } catch (JsonProcessingException e) {
            throw new InvalidResultException("The result is not JSON: " + e.getOriginalMessage());
        }
        List<Map<String, Object>> commands = new ArrayList<>();
        if (result == null || result.isNull() || result.isMissingNode()) {
            return commands;
        }
        if (result.isArray()) {
            for (JsonNode command : result) {
                commands.add(command(command));
            }
        } else {
            commands.add(command(result));
        }
        return commands;
    }

    private static Map<String, Object> command(JsonNode command) {
        if (!command.isObject() || !command.path("type").isTextual()) {
            throw new InvalidResultException("A callback command is an object with a \"type\", not " + command);
        }
        String type = command.get("type").asText();
        Map<String, Object> mapped = new LinkedHashMap<>();
        mapped.put("type", type);
        switch (type) {
            case "sendMessage" -> {
                mapped.put("text", text(command, "text", "sendMessage needs a non-empty \"text\""));
                JsonNode systemMessage = command.path("systemMessage");
                if (!systemMessage.isMissingNode() && !systemMessage.isBoolean()) {
                    throw new InvalidResultException("sendMessage's \"systemMessage\" is true or false, not " + systemMessage);
                }
                mapped.put("systemMessage", systemMessage.asBoolean(false));
            }
            case "transfer" -> {
                boolean toSkill = command.hasNonNull("skillId");
                boolean toAgent = command.hasNonNull("agentId");
                if (!toSkill && !toAgent) {
                    throw new InvalidResultException("transfer needs a \"skillId\" or an \"agentId\"");
                }
                if (toSkill) {
                    mapped.put("skillId", text(command, "skillId", "transfer's \"skillId\" is a non-empty text"));
                }
                if (toAgent) {
                    mapped.put("agentId", text(command, "agentId", "transfer's \"agentId\" is a non-empty text"));
                }
            }
            case "closeConversation", "noAction" -> {
                // No parameters.
            }
            default -> throw new InvalidResultException("Unknown callback command \"" + type
                    + "\": expected sendMessage, transfer, closeConversation or noAction");
        }
        return mapped;
    }

    private static String text(JsonNode command, String field, String problem) {
        JsonNode value = command.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new InvalidResultException(problem);
        }
        return value.asText();
    }
}
