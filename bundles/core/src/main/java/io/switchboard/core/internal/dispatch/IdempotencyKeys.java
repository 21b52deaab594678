package io.switchboard.core.internal.dispatch;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.db.Rows;

/**
 * SQL of {@code event_idempotency_keys}: the source's identity of each accepted event that had one, so that the
 * same event delivered again (a Kafka record redelivered after a crash or a rebalance) is answered with the event
 * accepted first instead of running again.
 */
final class IdempotencyKeys {

    private final Database database;

    IdempotencyKeys(Database database) {
        this.database = database;
    }

    /** The id of the event stored under the key, if one was. */
    Optional<String> eventOf(String key) {
        return database.withConnection("look up idempotency key", c -> Rows.one(c,
                "SELECT event_id FROM event_idempotency_keys WHERE idempotency_key = ?", rs -> rs.getString(1), key));
    }

    /** Stores the key within the caller's transaction; a unique violation means the event was accepted before. */
    static void insert(Connection c, String key, String account, String eventId, long now) throws SQLException {
        Rows.update(c, "INSERT INTO event_idempotency_keys (idempotency_key, account, event_id, created_at) VALUES (?, ?, ?, ?)",
                key, account, eventId, now);
    }

    /** Stores the key in a transaction of its own (synchronous events: claimed before they run). */
    void claim(String key, String account, String eventId, long now) {
        database.withConnection("store idempotency key", c -> {
            insert(c, key, account, eventId, now);
            return null;
        });
    }
}
