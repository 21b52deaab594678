package io.switchboard.cli.local;

import io.switchboard.core.api.store.ContextStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The context session store of a local run: in memory, gone when the run ends. */
public final class LocalContexts implements ContextStore {
    private final Map<String, Map<String, String>> namespaces = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String account, String namespace, String key) {
        return Optional.ofNullable(namespaces.getOrDefault(namespace, Map.of()).get(key));
    }

    @Override
    public Map<String, String> getAll(String account, String namespace) {
        return Map.copyOf(namespaces.getOrDefault(namespace, Map.of()));
    }

    @Override
    public void put(String account, String namespace, String key, String valueJson) {
        namespaces.computeIfAbsent(namespace, n -> new ConcurrentHashMap<>()).put(key, valueJson);
    }

    @Override
    public boolean delete(String account, String namespace, String key) {
        return namespaces.getOrDefault(namespace, new ConcurrentHashMap<>()).remove(key) != null;
    }
}
