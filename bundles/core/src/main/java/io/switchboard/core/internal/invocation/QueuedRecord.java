package io.switchboard.core.internal.invocation;

import java.util.List;

import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.function.InvocationRecord;

/**
 * A record waiting for the record writer: stored in full, or (when the {@link RecordPolicy} does not keep it) only
 * counted in the report rollup, then without its result and log lines so the queue does not hold them.
 */
record QueuedRecord(InvocationRecord record, boolean full) {

    static QueuedRecord of(InvocationRecord record, boolean full) {
        return new QueuedRecord(full ? record : new InvocationRecord(record.id(), record.account(), record.functionId(), record.version(),
                record.eventTypeId(), record.eventId(), record.trigger(), record.startedAt(), record.durationMs(), record.outcome(), null,
                record.error(), List.of(), record.traceId()), full);
    }

    int sizeOf() {
        return sizeOf(record);
    }

    /** Roughly the heap a queued record holds: its result, its error and its log lines (UTF-16, so twice the characters). */
    static int sizeOf(InvocationRecord r) {
        long chars = 512 + length(r.resultJson());
        if (r.error() != null) {
            chars += length(r.error().errorCode()) + length(r.error().errorMsg());
        }
        for (LogLine line : r.logs()) {
            chars += 32 + length(line.message()) + length(line.extrasJson());
        }
        return (int) Math.min(Integer.MAX_VALUE, chars * 2);
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
