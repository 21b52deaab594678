package io.switchboard.cli.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cli.CliException;
import io.switchboard.cli.ExitCode;
import io.switchboard.cli.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function's {@code config.json} in LivePerson's layout: {@code name}, {@code event} (an event id or {@code "No Event"}),
 * {@code description}, {@code input} {headers, payload} and {@code environmentVariables} in either form; Switchboard's own
 * optional {@code timeoutMs}, {@code skills} and {@code allowedDomains}. Other members are kept as they were.
 */
public record FunctionConfig(String name, String event, String description, JsonNode input, Map<String, String> env,
        EnvironmentForm envForm, Integer timeoutMs, List<String> skills, List<String> allowedDomains, ObjectNode original) {
    public static final String NO_EVENT = "No Event";

    public static FunctionConfig parse(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new CliException(ExitCode.PROJECT, where + ": config.json must be a JSON object");
        }
        String name = node.path("name").asText("");
        if (name.isBlank()) {
            throw new CliException(ExitCode.PROJECT, where + ": config.json has no \"name\"");
        }
        JsonNode envNode = node.path("environmentVariables");
        Map<String, String> env = new LinkedHashMap<>();
        EnvironmentForm form = EnvironmentForm.MAP;
        if (envNode.isArray()) {
            form = EnvironmentForm.LIST;
            for (JsonNode entry : envNode) {
                String key = entry.path("key").asText("");
                if (!key.isEmpty()) {
                    env.put(key, entry.path("value").asText(""));
                }
            }
        } else if (envNode.isObject()) {
            envNode.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        }
        JsonNode input = node.has("input") ? node.get("input") : defaultInput(Json.object());
        return new FunctionConfig(name, node.path("event").asText(NO_EVENT), node.path("description").asText(""), input, env, form,
                node.hasNonNull("timeoutMs") ? node.get("timeoutMs").asInt() : null, strings(node.path("skills")),
                strings(node.path("allowedDomains")), ((ObjectNode) node).deepCopy());
    }

    /** The event type id the API knows, or null for {@code "No Event"}. */
    public String eventType() {
        return event == null || event.isBlank() || NO_EVENT.equalsIgnoreCase(event) ? null : event;
    }

    public static JsonNode defaultInput(JsonNode payload) {
        ObjectNode input = Json.object();
        input.putArray("headers");
        input.set("payload", payload);
        return input;
    }

    /** The JSON to write: the original members kept, the known ones replaced, the environment in its form. */
    public ObjectNode toJson() {
        ObjectNode node = original != null ? original.deepCopy() : Json.object();
        node.put("name", name);
        node.put("event", event == null ? NO_EVENT : event);
        node.put("description", description == null ? "" : description);
        node.set("input", input);
        if (envForm == EnvironmentForm.LIST) {
            ArrayNode list = node.putArray("environmentVariables");
            env.forEach((k, v) -> list.addObject().put("key", k).put("value", v));
        } else {
            ObjectNode map = node.putObject("environmentVariables");
            env.forEach(map::put);
        }
        putOptional(node, "timeoutMs", timeoutMs);
        putList(node, "skills", skills);
        putList(node, "allowedDomains", allowedDomains);
        return node;
    }

    /** The API's function spec for {@code POST/PUT .../functions}. */
    public ObjectNode spec(String code) {
        ObjectNode spec = Json.object();
        spec.put("name", name).put("code", code).put("description", description == null ? "" : description);
        if (eventType() != null) {
            spec.put("eventType", eventType());
        }
        if (timeoutMs != null) {
            spec.put("timeoutMs", timeoutMs);
        }
        if (!skills.isEmpty()) {
            skills.forEach(spec.putArray("skills")::add);
        }
        if (!allowedDomains.isEmpty()) {
            allowedDomains.forEach(spec.putArray("allowedDomains")::add);
        }
        ObjectNode envNode = spec.putObject("env");
        env.forEach(envNode::put);
        return spec;
    }

    private static void putOptional(ObjectNode node, String field, Integer value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putList(ObjectNode node, String field, List<String> values) {
        if (values != null && !values.isEmpty()) {
            values.forEach(node.putArray(field)::add);
        } else if (node.has(field) && node.get(field).isArray()) {
            node.remove(field);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(v -> values.add(v.asText()));
        }
        return List.copyOf(values);
    }
}
