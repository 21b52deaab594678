package io.switchboard.core.internal.invocation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;

import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.internal.db.Rows;
import io.switchboard.core.internal.id.TimeOrderedIds;
import io.switchboard.core.internal.json.Json;

/** SQL of the {@code invocations} table. */
final class InvocationRepository {

    static final String COLUMNS = "id, account, function_id, version, event_type, event_id, trigger_kind, started_at, "
            + "duration_ms, outcome, result, error_code, error_message, logs, trace_id";
    /** The part of a record's stored size that is not its text (ids, times, index entries), as counted for quotas. */
    static final int FIXED_BYTES = 256;
    private static final TypeReference<List<StoredLine>> LINES = new TypeReference<>() { };

    /**
     * A log line as stored: epoch millis instead of an Instant, so no Jackson time module is needed; extras as their
     * JSON text, left out when there are none (rows written before extras existed read back without them).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StoredLine(long time, String level, String message, String extras) {
    }

    /** Inserts the records with one batched statement (the caller owns the transaction); returns their bytes per account. */
    Map<String, Long> insertAll(Connection c, List<InvocationRecord> records) throws SQLException {
        Map<String, Long> bytes = new HashMap<>();
        try (PreparedStatement statement = c.prepareStatement("INSERT INTO invocations (" + COLUMNS
                + ", record_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (InvocationRecord r : records) {
                String logs = logsJson(r.logs());
                int size = FIXED_BYTES + length(r.resultJson()) + (r.error() == null ? 0 : length(r.error().errorMsg())) + logs.length();
                // Typed setters: setObject makes the driver find each value's SQL type first.
                statement.setString(1, r.id());
                statement.setString(2, r.account());
                statement.setString(3, r.functionId());
                statement.setInt(4, r.version());
                statement.setString(5, r.eventTypeId());
                statement.setString(6, r.eventId());
                statement.setString(7, r.trigger().name());
                statement.setLong(8, r.startedAt().toEpochMilli());
                statement.setLong(9, r.durationMs());
                statement.setString(10, r.outcome().name());
                statement.setString(11, r.resultJson());
                statement.setString(12, r.error() == null ? null : r.error().errorCode());
                statement.setString(13, r.error() == null ? null : r.error().errorMsg());
                statement.setString(14, logs);
                statement.setString(15, r.traceId());
                statement.setInt(16, size);
                statement.addBatch();
                bytes.merge(r.account(), (long) size, Long::sum);
            }
            statement.executeBatch();
        }
        return bytes;
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    /** The log lines as stored; most runs log nothing. */
    static String logsJson(List<LogLine> logs) {
        if (logs.isEmpty()) {
            return "[]";
        }
        return Json.write(logs.stream().map(l -> new StoredLine(l.time().toEpochMilli(), l.level().name(), l.message(), l.extrasJson())).toList());
    }

    /**
     * A function's records newest first (started_at DESC, then the later time-ordered id of runs started in the same
     * millisecond), ordered from the leading columns of ix_invocations_function_newest (V57): H2 then reads the page off
     * the index instead of sorting all the function's records; the WHERE fixes account and function, so the order is
     * the same.
     */
    static final String NEWEST_OF_FUNCTION = " ORDER BY account, function_id, started_at DESC, id DESC";
    /** An account's records newest first, ordered from the leading columns of ix_invocations_account_newest (V57). */
    static final String NEWEST_OF_ACCOUNT = " ORDER BY account, started_at DESC, id DESC";

    /** A page of a function's records, newest first. */
    static final String LIST = "SELECT " + COLUMNS + " FROM invocations WHERE account = ? AND function_id = ?"
            + NEWEST_OF_FUNCTION + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";

    /** Through ix_invocations_function_newest, ordered like it (see {@link #LIST}). */
    static final String SUCCESSFUL_RUN = "SELECT " + COLUMNS + " FROM invocations WHERE account = ? AND function_id = ? "
            + "AND started_at >= ? AND event_id = ? AND outcome = 'OK'" + NEWEST_OF_FUNCTION + " FETCH FIRST 1 ROWS ONLY";

    List<InvocationRecord> list(Connection c, String account, String functionId, int offset, int limit) throws SQLException {
        return Rows.list(c, LIST, InvocationRepository::row, account, functionId, offset, limit);
    }

    long count(Connection c, String account, String functionId) throws SQLException {
        return Rows.count(c, "SELECT COUNT(*) FROM invocations WHERE account = ? AND function_id = ?", account, functionId);
    }

    Optional<InvocationRecord> find(Connection c, String account, String id) throws SQLException {
        return Rows.one(c, "SELECT " + COLUMNS + " FROM invocations WHERE account = ? AND id = ?", InvocationRepository::row, account, id);
    }

    /** Through ix_invocations_function_newest: the function's records since {@code sinceMillis}, then the event. */
    Optional<InvocationRecord> successfulRun(Connection c, String account, String functionId, String eventId, long sinceMillis)
            throws SQLException {
        return Rows.one(c, SUCCESSFUL_RUN, InvocationRepository::row, account, functionId, sinceMillis, eventId);
    }

    boolean functionExists(Connection c, String account, String functionId) throws SQLException {
        return Rows.count(c, "SELECT COUNT(*) FROM functions WHERE account = ? AND id = ?", account, functionId) > 0;
    }

    /**
     * Through the primary key: invocation ids are time-ordered (see {@link TimeOrderedIds}), so every record started
     * before the cutoff has an id below the cutoff's lowest id; started_at keeps the purge exact.
     */
    int deleteOlderThan(Connection c, Instant cutoff) throws SQLException {
        RecordUsage.add(c, RecordUsage.removed(c, "id < ? AND started_at < ?", TimeOrderedIds.lowestAt(cutoff), cutoff.toEpochMilli()));
        return Rows.update(c, "DELETE FROM invocations WHERE id < ? AND started_at < ?", TimeOrderedIds.lowestAt(cutoff),
                cutoff.toEpochMilli());
    }

    /**
     * Asynchronous events share the records' retention: finished and dead-lettered tasks older than the cutoff go,
     * then events without tasks left. Pending tasks are never purged.
     */
    int deleteSettledAsyncOlderThan(Connection c, Instant cutoff) throws SQLException {
        int tasks = Rows.update(c, "DELETE FROM async_tasks WHERE status <> 'PENDING' AND updated_at < ?", cutoff.toEpochMilli());
        Rows.update(c, "DELETE FROM async_events WHERE created_at < ? AND NOT EXISTS "
                + "(SELECT 1 FROM async_tasks t WHERE t.event_id = async_events.id)", cutoff.toEpochMilli());
        // Sources redeliver within minutes, not after the retention period.
        Rows.update(c, "DELETE FROM event_idempotency_keys WHERE created_at < ?", cutoff.toEpochMilli());
        return tasks;
    }

    static InvocationRecord row(ResultSet rs) throws SQLException {
        String errorCode = rs.getString(12);
        String errorMessage = rs.getString(13);
        List<LogLine> logs = Json.read(rs.getString(14), LINES).stream()
                .map(l -> new LogLine(Instant.ofEpochMilli(l.time()), LogLevel.valueOf(l.level()), l.message(), l.extras())).toList();
        return new InvocationRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6),
                Trigger.valueOf(rs.getString(7)), Instant.ofEpochMilli(rs.getLong(8)), rs.getLong(9), Outcome.valueOf(rs.getString(10)),
                rs.getString(11), errorCode == null && errorMessage == null ? null : new ExecutionError(errorCode, errorMessage), logs,
                rs.getString(15));
    }
}
