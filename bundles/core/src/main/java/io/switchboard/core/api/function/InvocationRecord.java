package io.switchboard.core.api.function;

import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.execution.Outcome;
import java.time.Instant;
import java.util.List;

/**
 * The record of one invocation, kept for the configured retention.
 *
 * @param id invocation id
 * @param account the function's account
 * @param functionId the function
 * @param version the version that ran (0 for a draft)
 * @param eventTypeId the event that caused it, or null
 * @param eventId the dispatched event's id, or null
 * @param trigger what caused it
 * @param startedAt when it started
 * @param durationMs how long it ran
 * @param outcome how it ended
 * @param resultJson the result when OK
 * @param error the error when not OK
 * @param logs the lines it logged
 * @param traceId the W3C trace id the run belongs to (32 hex digits), or null for runs recorded before traces were kept
 */
public record InvocationRecord(
        String id,
        String account,
        String functionId,
        int version,
        String eventTypeId,
        String eventId,
        Trigger trigger,
        Instant startedAt,
        long durationMs,
        Outcome outcome,
        String resultJson,
        ExecutionError error,
        List<LogLine> logs,
        String traceId) {
    public InvocationRecord {
        logs = logs == null ? List.of() : List.copyOf(logs);
    }

    /** A record without a trace id. */
    public InvocationRecord(String id, String account, String functionId, int version, String eventTypeId, String eventId,
            Trigger trigger, Instant startedAt, long durationMs, Outcome outcome, String resultJson, ExecutionError error,
            List<LogLine> logs) {
        this(id, account, functionId, version, eventTypeId, eventId, trigger, startedAt, durationMs, outcome, resultJson, error, logs, null);
    }
}
