package io.switchboard.cli.project;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.cli.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code functions/settings.json} as LivePerson's CLIs keep it: {@code secrets} [{key, value}] for local runs (a value may
 * be any JSON value; strings stay strings) and {@code whitelist} (V1's name; {@code allowlist} is read too), the hosts
 * local runs may call besides each function's own {@code allowedDomains}.
 */
public record LocalSettings(Map<String, JsonNode> secrets, List<String> allowList) {

    public static LocalSettings read(Path file) {
        if (!Files.exists(file)) {
            return new LocalSettings(Map.of(), List.of());
        }
        JsonNode root = Json.read(file);
        Map<String, JsonNode> secrets = new LinkedHashMap<>();
        root.path("secrets").forEach(s -> secrets.put(s.path("key").asText(), s.path("value")));
        List<String> allow = new ArrayList<>();
        root.path("whitelist").forEach(h -> allow.add(h.asText()));
        root.path("allowlist").forEach(h -> allow.add(h.asText()));
        return new LocalSettings(secrets, List.copyOf(allow));
    }
}
