package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.core.api.store.ContextStore;
import io.switchboard.core.api.store.SecretStore;
import io.switchboard.executor.graaljs.internal.json.JsonText;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory secret and context stores for unit tests, keyed {@code account/name} and {@code account/namespace/key}. */
public final class MapStores {
    private MapStores() {
    }

    /** Secrets as JSON text (a string secret is a JSON string), with the core's semantics: updates only existing ones. */
    public static final class Secrets implements SecretStore {
        public final Map<String, String> json = new ConcurrentHashMap<>();

        /** Stores a string secret. */
        public Secrets put(String account, String name, String value) {
            json.put(account + "/" + name, JsonText.quote(value));
            return this;
        }

        @Override
        public Optional<String> read(String account, String name) {
            return readJson(account, name).map(text -> JsonText.parse(text) instanceof String value ? value : text);
        }

        @Override
        public void write(String account, String name, String value) {
            put(account, name, value);
        }

        @Override
        public Optional<String> readJson(String account, String name) {
            return Optional.ofNullable(json.get(account + "/" + name));
        }

        @Override
        public boolean updateJson(String account, String name, String valueJson) {
            return json.computeIfPresent(account + "/" + name, (key, old) -> valueJson) != null;
        }
    }

    /** A context store over a map. */
    public record Context(Map<String, String> values) implements ContextStore {
        public Context() {
            this(new ConcurrentHashMap<>());
        }

        @Override
        public Optional<String> get(String account, String namespace, String key) {
            return Optional.ofNullable(values.get(account + "/" + namespace + "/" + key));
        }

        @Override
        public Map<String, String> getAll(String account, String namespace) {
            Map<String, String> all = new TreeMap<>();
            String prefix = account + "/" + namespace + "/";
            values.forEach((key, value) -> {
                if (key.startsWith(prefix) && key.indexOf('/', prefix.length()) < 0) {
                    all.put(key.substring(prefix.length()), value);
                }
            });
            return all;
        }

        @Override
        public void put(String account, String namespace, String key, String valueJson) {
            values.put(account + "/" + namespace + "/" + key, valueJson);
        }

        @Override
        public boolean delete(String account, String namespace, String key) {
            return values.remove(account + "/" + namespace + "/" + key) != null;
        }
    }
}
