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

/**
 * SQL of the {@code async_events} and {@code async_tasks} tables: the persisted queue. A task is PENDING, DONE (with
 * its valid result) or DEAD (dead-lettered); an event is PENDING until its last task settles, then SETTLED (every task
 * DONE) or DEAD (a task DEAD). Settling locks the event's row first ({@link SettlementBatch}), as a retried dead letter does.
 */
final class AsyncTaskRepository {

    static final String PENDING = "PENDING";
    static final String DONE = "DONE";
    static final String DEAD = "DEAD";
    static final String SETTLED = "SETTLED";

    private static final TypeReference<List<Header>> HEADERS = new TypeReference<>() { };
    private static final String TASK_COLUMNS = "id, event_id, account, function_id, version, attempts, next_attempt_at, function_name";
    private static final String DEAD_LETTER_COLUMNS = "t.id, t.event_id, e.event_type, t.function_id, t.version, t.attempts, "
            + "t.last_error, t.updated_at";

    /** How one task of an event ended, for combining the event's results. */
    record TaskResult(String functionId, String functionName, int version, String status, String resultJson) {
    }

    void insertEvent(Connection c, AsyncEvent e) throws SQLException {
        Rows.update(c, "INSERT INTO async_events (id, account, event_type, payload, headers, trigger_kind, created_at, status, skill_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", e.id(), e.account(), e.eventTypeId(), e.payloadJson(), Json.write(e.headers()),
                e.trigger().name(), e.createdAt(), PENDING, e.skillId());
    }

    void insertTask(Connection c, AsyncTask t, long now) throws SQLException {
        Rows.update(c, "INSERT INTO async_tasks (" + TASK_COLUMNS + ", status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                t.id(), t.eventId(), t.account(), t.functionId(), t.version(), t.attempts(), t.nextAttemptAt(), t.functionName(), PENDING, now);
    }

    /** A pending task with its event, as one claimed run reads them. */
    record PendingTask(AsyncTask task, AsyncEvent event) {
    }

    /**
     * The task with its event while the task is pending, in one statement (every task's first read); empty once it
     * is settled (DONE or DEAD) or gone.
     */
    Optional<PendingTask> pendingTask(Connection c, String taskId) throws SQLException {
        return Rows.one(c, "SELECT t.id, t.event_id, t.account, t.function_id, t.version, t.attempts, t.next_attempt_at, t.function_name, "
                + "e.event_type, e.payload, e.headers, e.trigger_kind, e.created_at, e.skill_id FROM async_tasks t "
                + "JOIN async_events e ON e.id = t.event_id WHERE t.id = ? AND t.status = ?",
                rs -> new PendingTask(task(rs), new AsyncEvent(rs.getString(2), rs.getString(3), rs.getString(9), rs.getString(10),
                        Json.read(rs.getString(11), HEADERS), Trigger.valueOf(rs.getString(12)), rs.getLong(13), rs.getString(14))),
                taskId, PENDING);
    }

    /** Locks the event's row until the transaction ends, so that its tasks settle one after the other. */
    void lockEvent(Connection c, String eventId) throws SQLException {
        Rows.one(c, "SELECT status FROM async_events WHERE id = ? FOR UPDATE", rs -> rs.getString(1), eventId);
    }

    /** Counts a failed attempt; false when the task is not pending at that attempt any more. */
    boolean markRetry(Connection c, AsyncTask next, String error, long now) throws SQLException {
        return Rows.update(c, "UPDATE async_tasks SET attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ? "
                + "WHERE id = ? AND status = ? AND attempts = ?", next.attempts(), next.nextAttemptAt(), error, now, next.id(), PENDING,
                next.attempts() - 1) == 1;
    }

    void setEventStatus(Connection c, String eventId, String status) throws SQLException {
        Rows.update(c, "UPDATE async_events SET status = ? WHERE id = ?", status, eventId);
    }

    /**
     * A page of the account's dead-lettered tasks, newest first (updated_at DESC, id DESC), ordered from the leading
     * columns of ix_async_tasks_status_account (V56), which the WHERE fixes, so H2 reads the page off the index.
     */
    static final String DEAD_LETTERS = "SELECT " + DEAD_LETTER_COLUMNS + " FROM async_tasks t JOIN async_events e ON e.id = t.event_id "
            + "WHERE t.account = ? AND t.status = ? ORDER BY t.status, t.account, t.updated_at DESC, t.id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";

    List<DeadLetterInfo> deadLetters(Connection c, String account, int offset, int limit) throws SQLException {
        return Rows.list(c, DEAD_LETTERS, AsyncTaskRepository::deadLetter, account, DEAD, offset, limit);
    }

    long countDeadLetters(Connection c, String account) throws SQLException {
        return Rows.count(c, "SELECT COUNT(*) FROM async_tasks WHERE account = ? AND status = ?", account, DEAD);
    }

    /** One task of the account, whatever its status, as the dead-letter API shows it, with its function's name. */
    Optional<StoredTask> task(Connection c, String account, String taskId) throws SQLException {
        return Rows.one(c, "SELECT " + DEAD_LETTER_COLUMNS + ", t.status, t.function_name FROM async_tasks t JOIN async_events e "
                + "ON e.id = t.event_id WHERE t.id = ? AND t.account = ?", rs -> new StoredTask(deadLetter(rs), rs.getString(9),
                rs.getString(10)), taskId, account);
    }

    /**
     * Re-queues a dead-lettered task to run {@code version} from its first attempt, and its event waits for it again;
     * false when it is no longer dead (a concurrent retry re-queued it first), so that only one retry takes effect.
     */
    boolean requeueDead(Connection c, String account, String taskId, String eventId, int version, String functionName, long now)
            throws SQLException {
        lockEvent(c, eventId);
        boolean requeued = Rows.update(c, "UPDATE async_tasks SET status = ?, attempts = 0, version = ?, function_name = ?, "
                + "next_attempt_at = ?, updated_at = ? WHERE id = ? AND account = ? AND status = ?", PENDING, version, functionName, now, now,
                taskId, account, DEAD) == 1;
        if (requeued) {
            setEventStatus(c, eventId, PENDING);
        }
        return requeued;
    }

    /** A task as the dead-letter API shows it, with its status and function name. */
    record StoredTask(DeadLetterInfo info, String status, String functionName) {
    }

    private static DeadLetterInfo deadLetter(ResultSet rs) throws SQLException {
        return new DeadLetterInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6),
                rs.getString(7), Instant.ofEpochMilli(rs.getLong(8)));
    }

    private static AsyncTask task(ResultSet rs) throws SQLException {
        return new AsyncTask(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getLong(7),
                rs.getString(8));
    }
}
