package io.switchboard.core.internal.context;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.switchboard.core.api.store.ContextStore;
import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.db.Rows;
import io.switchboard.core.internal.json.Json;

/** The context store: small JSON values per account, namespace and key, bounded in size and number. */
@Component(service = ContextStore.class, configurationPid = JdbcContextStore.PID)
@Designate(ocd = JdbcContextStore.Config.class)
public class JdbcContextStore implements ContextStore {

    public static final String PID = "io.switchboard.core.context";

    /** Bounds of the context store. */
    @ObjectClassDefinition(name = "Switchboard context store", description = "Size limits of the per-account context store.")
    public @interface Config {
        @AttributeDefinition(description = "Largest value, in UTF-8 bytes of its JSON text", min = "1")
        int maxValueBytes() default 10_240;

        @AttributeDefinition(description = "Most keys in one namespace of one account", min = "1")
        int maxKeysPerNamespace() default 1_000;
    }

    private static final int MAX_NAME = 200;

    private final Database database;
    // Volatile, replaced by modified(): a restart would restart the executor's context module and its users.
    private volatile int maxValueBytes;
    private volatile int maxKeys;

    @Activate
    public JdbcContextStore(@Reference Database database, Config config) {
        this.database = database;
        this.maxValueBytes = config.maxValueBytes();
        this.maxKeys = config.maxKeysPerNamespace();
    }

    /** Applies changed caps live: the next write is checked against them. */
    @Modified
    void modified(Config config) {
        maxValueBytes = config.maxValueBytes();
        maxKeys = config.maxKeysPerNamespace();
    }

    @Override
    public Optional<String> get(String account, String namespace, String key) {
        return database.withConnection("read context " + namespace + "/" + key, c -> Rows.one(c,
                "SELECT entry_value FROM context_entries WHERE account = ? AND namespace = ? AND entry_key = ?",
                rs -> rs.getString(1), account, namespace, key));
    }

    @Override
    public Map<String, String> getAll(String account, String namespace) {
        Map<String, String> entries = new LinkedHashMap<>();
        database.withConnection("read context " + namespace, c -> Rows.list(c,
                "SELECT entry_key, entry_value FROM context_entries WHERE account = ? AND namespace = ? ORDER BY entry_key",
                rs -> entries.put(rs.getString(1), rs.getString(2)), account, namespace));
        return entries;
    }

    @Override
    public void put(String account, String namespace, String key, String valueJson) {
        check(namespace, key, valueJson);
        long now = System.currentTimeMillis();
        database.inTransaction("store context " + namespace + "/" + key, c -> {
            if (Rows.update(c, "UPDATE context_entries SET entry_value = ?, updated_at = ? WHERE account = ? AND namespace = ? AND entry_key = ?",
                    valueJson, now, account, namespace, key) == 0) {
                long keys = Rows.count(c, "SELECT COUNT(*) FROM context_entries WHERE account = ? AND namespace = ?", account, namespace);
                if (keys >= maxKeys) {
                    throw new IllegalArgumentException("Namespace '" + namespace + "' of account " + account + " already holds "
                            + keys + " keys, the limit; delete some first");
                }
                Rows.update(c, "INSERT INTO context_entries (account, namespace, entry_key, entry_value, updated_at) VALUES (?, ?, ?, ?, ?)",
                        account, namespace, key, valueJson, now);
            }
            return null;
        });
    }

    @Override
    public boolean delete(String account, String namespace, String key) {
        return database.withConnection("delete context " + namespace + "/" + key, c -> Rows.update(c,
                "DELETE FROM context_entries WHERE account = ? AND namespace = ? AND entry_key = ?", account, namespace, key)) > 0;
    }

    private void check(String namespace, String key, String valueJson) {
        if (namespace == null || namespace.isBlank() || namespace.length() > MAX_NAME || key == null || key.isBlank() || key.length() > MAX_NAME) {
            throw new IllegalArgumentException("Context namespace and key must be 1-" + MAX_NAME + " characters");
        }
        if (valueJson == null || valueJson.getBytes(StandardCharsets.UTF_8).length > maxValueBytes) {
            throw new IllegalArgumentException("Context value of '" + namespace + "/" + key + "' must be at most " + maxValueBytes + " bytes");
        }
        try {
            Json.parse(valueJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Context value of '" + namespace + "/" + key + "' is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
