package io.switchboard.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** A function spec as lines to diff: the fields push sends, one per line, then the code. */
final class SpecText {
    private SpecText() {
    }

    static String of(JsonNode spec, boolean withTimeout) {
        List<String> lines = new ArrayList<>();
        lines.add("description: " + spec.path("description").asText(""));
        lines.add("eventType: " + spec.path("eventType").asText("(none)"));
        lines.add("skills: " + list(spec.path("skills")));
        lines.add("allowedDomains: " + list(spec.path("allowedDomains")));
        if (withTimeout) {
            lines.add("timeoutMs: " + spec.path("timeoutMs").asText());
        }
        TreeMap<String, String> env = new TreeMap<>();
        spec.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        env.forEach((k, v) -> lines.add("env " + k + "=" + v));
        lines.add("code:");
        lines.add(spec.path("code").asText(""));
        return String.join("\n", lines);
    }

    private static String list(JsonNode array) {
        return array.isArray() ? array.toString() : "[]";
    }
}
