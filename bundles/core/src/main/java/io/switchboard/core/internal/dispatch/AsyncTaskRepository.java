package io.switchboard.core.internal.dispatch;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;

import io.switchboard.core.api.dispatch.DeadLetterInfo;
import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.internal.db.Rows;
import io.switchboard.core.internal.json.Json;

/** SQL of the {@code async_events} and {@code async_tasks} tables: the persisted queue. */
final class AsyncTaskRepository {

    static final String PENDING = "PENDING";
    static final String DONE = "DONE";
    static final String DEAD = "DEAD";

    private static final TypeReference<List<Header>> HEADERS = new TypeReference<>() { };
    private static final String TASK_COLUMNS = "id, event_id, account, function_id, version, attempts, next_attempt_at";
    private static final String DEAD_LETTER_COLUMNS = "t.id, t.event_id, e.event_type, t.function_id, t.version, t.attempts, "
            + "t.last_error, t.updated_at";

    void insertEvent(Connection c, AsyncEvent e) throws SQLException {
        Rows.update(c, "INSERT INTO async_events (id, account, event_type, payload, headers, trigger_kind, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                e.id(), e.account(), e.eventTypeId(), e.payloadJson(), Json.write(e.headers()), e.trigger().name(), e.createdAt());
    }

    void insertTask(Connection c, AsyncTask t, long now) throws SQLException {
        Rows.update(c, "INSERT INTO async_tasks (" + TASK_COLUMNS + ", status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                t.id(), t.eventId(), t.account(), t.functionId(), t.version(), t.attempts(), t.nextAttemptAt(), PENDING, now);
    }

    Optional<AsyncEvent> event(Connection c, String eventId) throws SQLException {
        return Rows.one(c, "SELECT id, account, event_type, payload, headers, trigger_kind, created_at FROM async_events WHERE id = ?",
                rs -> new AsyncEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Json.read(rs.getString(5), HEADERS), Trigger.valueOf(rs.getString(6)), rs.getLong(7)), eventId);
    }

    List<AsyncTask> pending(Connection c) throws SQLException {
        return Rows.list(c, "SELECT " + TASK_COLUMNS + " FROM async_tasks WHERE status = ? ORDER BY next_attempt_at",
                AsyncTaskRepository::task, PENDING);
    }

    void markDone(Connection c, AsyncTask t, long now) throws SQLException {
        Rows.update(c, "UPDATE async_tasks SET status = ?, attempts = ?, last_error = NULL, updated_at = ? WHERE id = ?",
                DONE, t.attempts() + 1, now, t.id());
    }

    void markRetry(Connection c, AsyncTask next, String error, long now) throws SQLException {
        Rows.update(c, "UPDATE async_tasks SET attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?",
                next.attempts(), next.nextAttemptAt(), error, now, next.id());
    }

    void markDead(Connection c, AsyncTask t, int attempts, String error, long now) throws SQLException {
        Rows.update(c, "UPDATE async_tasks SET status = ?, attempts = ?, last_error = ?, updated_at = ? WHERE id = ?",
                DEAD, attempts, error, now, t.id());
    }

    /** A page of the account's dead-lettered tasks, newest first. */
    List<DeadLetterInfo> deadLetters(Connection c, String account, int offset, int limit) throws SQLException {
        return Rows.list(c, "SELECT " + DEAD_LETTER_COLUMNS + " FROM async_tasks t JOIN async_events e ON e.id = t.event_id "
                + "WHERE t.account = ? AND t.status = ? ORDER BY t.updated_at DESC, t.id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                AsyncTaskRepository::deadLetter, account, DEAD, offset, limit);
    }

    long countDeadLetters(Connection c, String account) throws SQLException {
        return Rows.count(c, "SELECT COUNT(*) FROM async_tasks WHERE account = ? AND status = ?", account, DEAD);
    }

    /** One task of the account, whatever its status, as the dead-letter API shows it. */
    Optional<StoredTask> task(Connection c, String account, String taskId) throws SQLException {
        return Rows.one(c, "SELECT " + DEAD_LETTER_COLUMNS + ", t.status FROM async_tasks t JOIN async_events e ON e.id = t.event_id "
                + "WHERE t.id = ? AND t.account = ?", rs -> new StoredTask(deadLetter(rs), rs.getString(9)), taskId, account);
    }

    /**
     * Re-queues a dead-lettered task to run {@code version} from its first attempt; false when it is no longer dead
     * (a concurrent retry re-queued it first), so that only one retry takes effect.
     */
    boolean requeueDead(Connection c, String account, String taskId, int version, long now) throws SQLException {
        return Rows.update(c, "UPDATE async_tasks SET status = ?, attempts = 0, version = ?, next_attempt_at = ?, updated_at = ? "
                + "WHERE id = ? AND account = ? AND status = ?", PENDING, version, now, now, taskId, account, DEAD) == 1;
    }

    /** A task as the dead-letter API shows it, with its status. */
    record StoredTask(DeadLetterInfo info, String status) {
    }

    private static DeadLetterInfo deadLetter(ResultSet rs) throws SQLException {
        return new DeadLetterInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6),
                rs.getString(7), Instant.ofEpochMilli(rs.getLong(8)));
    }

    private static AsyncTask task(ResultSet rs) throws SQLException {
        return new AsyncTask(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getLong(7));
    }
}
