package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.core.api.store.ContextStore;
import io.switchboard.executor.graaljs.internal.json.JsonText;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * LivePerson's Context Session Store model on the platform's {@link ContextStore}: a namespace's default session is the
 * store namespace of the same name (where the older get/set methods keep their keys), a named session is the store
 * namespace {@code <namespace>::<session>}; the namespaces created with {@code createNamespace} and their TTL live in
 * {@value #NAMESPACES}, a namespace's sessions in {@code <namespace>::}. A session of a namespace with a TTL expires TTL
 * seconds after its last write; it is removed when next read or listed.
 */
final class ContextSessions {
    static final String NAMESPACES = "::namespaces";
    static final String DEFAULT_SESSION = "__default__";
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_.\\-]{1,100}");
    private static final int MAX_SESSION = 90;

    private final ContextStore store;
    private final String account;
    private final Clock clock;

    ContextSessions(ContextStore store, String account, Clock clock) {
        this.store = store;
        this.account = account;
        this.clock = clock;
    }

    void createNamespace(String namespace, Double ttlSeconds) {
        check(namespace);
        if (store.get(account, NAMESPACES, namespace).isEmpty()) {
            store.put(account, NAMESPACES, namespace, ttlSeconds == null ? "{}" : "{\"ttl\":" + ttlSeconds.longValue() + "}");
        }
    }

    void deleteNamespace(String namespace) {
        check(namespace);
        for (String session : store.getAll(account, index(namespace)).keySet()) {
            deleteSession(namespace, session);
        }
        clear(namespace);
        store.delete(account, NAMESPACES, namespace);
    }

    String listNamespaces() {
        return strings(new ArrayList<>(store.getAll(account, NAMESPACES).keySet()));
    }

    void setProperties(String namespace, String session, List<?> pairs) {
        String target = target(namespace, session);
        for (Object pair : pairs) {
            if (!(pair instanceof List<?> entry) || entry.size() != 2 || !(entry.get(0) instanceof String name) || !(entry.get(1) instanceof String json)) {
                throw new IllegalArgumentException("properties must be an object of property names and values");
            }
            store.put(account, target, name, json);
        }
        Long ttl = ttlMillis(namespace);
        long expires = ttl == null ? 0 : clock.millis() + ttl;
        store.put(account, index(namespace), sessionName(session), "{\"expiresAt\":" + expires + "}");
    }

    /** The session's properties as a JSON object: all of them, or only {@code names} (missing ones left out). */
    String getProperties(String namespace, String session, List<?> names) {
        String target = target(namespace, session);
        if (expired(namespace, session)) {
            return "{}";
        }
        Map<String, String> found = new LinkedHashMap<>();
        if (names == null) {
            found.putAll(store.getAll(account, target));
        } else {
            for (Object name : names) {
                store.get(account, target, String.valueOf(name)).ifPresent(value -> found.put(String.valueOf(name), value));
            }
        }
        StringBuilder json = new StringBuilder("{");
        found.forEach((name, value) -> JsonText.quote(name, json.length() > 1 ? json.append(',') : json).append(':').append(value));
        return json.append('}').toString();
    }

    boolean deleteProperty(String namespace, String session, String name) {
        return store.delete(account, target(namespace, session), name);
    }

    void deleteSession(String namespace, String session) {
        clear(target(namespace, session));
        store.delete(account, index(namespace), sessionName(session));
    }

    String listSessions(String namespace) {
        check(namespace);
        List<String> live = new ArrayList<>();
        for (String session : new ArrayList<>(store.getAll(account, index(namespace)).keySet())) {
            if (!expired(namespace, session)) {
                live.add(session);
            }
        }
        return strings(live);
    }

    /** True (and the session gone) when its TTL has passed since its last write. */
    private boolean expired(String namespace, String session) {
        String name = sessionName(session);
        Object entry = store.get(account, index(namespace), name).map(JsonText::parse).orElse(null);
        if (entry instanceof Map<?, ?> map && map.get("expiresAt") instanceof Number at && at.longValue() > 0 && at.longValue() <= clock.millis()) {
            deleteSession(namespace, name);
            return true;
        }
        return false;
    }

    private Long ttlMillis(String namespace) {
        Object entry = store.get(account, NAMESPACES, namespace).map(JsonText::parse).orElse(null);
        return entry instanceof Map<?, ?> map && map.get("ttl") instanceof Number ttl ? ttl.longValue() * 1000 : null;
    }

    private void clear(String storeNamespace) {
        for (String key : store.getAll(account, storeNamespace).keySet()) {
            store.delete(account, storeNamespace, key);
        }
    }

    private static String target(String namespace, String session) {
        check(namespace);
        String name = sessionName(session);
        return name.equals(DEFAULT_SESSION) ? namespace : namespace + "::" + name;
    }

    private static String sessionName(String session) {
        if (session == null || session.isEmpty()) {
            return DEFAULT_SESSION;
        }
        if (session.length() > MAX_SESSION) {
            throw new IllegalArgumentException("A session id is at most " + MAX_SESSION + " characters");
        }
        return session;
    }

    private static String index(String namespace) {
        return namespace + "::";
    }

    private static void check(String namespace) {
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("A namespace name is 1-100 of A-Z a-z 0-9 _ . -, was '" + namespace + "'");
        }
    }

    private static String strings(List<String> values) {
        StringBuilder json = new StringBuilder("[");
        values.forEach(value -> JsonText.quote(value, json.length() > 1 ? json.append(',') : json));
        return json.append(']').toString();
    }
}
