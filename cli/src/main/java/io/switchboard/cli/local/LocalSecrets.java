package io.switchboard.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.cli.Json;
import io.switchboard.core.api.store.SecretStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets of {@code functions/settings.json} as the executor's secret store: {@code readSecret} gives a string secret
 * as a string and any other JSON value as that value, as on the server. {@code updateSecret} changes the value for this
 * run only (settings.json is not rewritten) and, as on the server, only for secrets that exist.
 */
public final class LocalSecrets implements SecretStore {
    private final Map<String, String> json = new ConcurrentHashMap<>();

    public LocalSecrets(Map<String, JsonNode> secrets) {
        secrets.forEach((k, v) -> json.put(k, Json.compact(v)));
    }

    @Override
    public Optional<String> read(String account, String name) {
        return Optional.ofNullable(json.get(name)).map(Json::parse).map(v -> v.isTextual() ? v.asText() : v.toString());
    }

    @Override
    public void write(String account, String name, String value) {
        json.put(name, Json.compact(Json.mapper().getNodeFactory().textNode(value)));
    }

    @Override
    public Optional<String> readJson(String account, String name) {
        return Optional.ofNullable(json.get(name));
    }

    @Override
    public boolean updateJson(String account, String name, String valueJson) {
        return json.computeIfPresent(name, (k, old) -> valueJson) != null;
    }
}
