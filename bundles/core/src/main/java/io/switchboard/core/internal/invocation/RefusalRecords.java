package io.switchboard.core.internal.invocation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.InvocationRecord;

/**
 * Which refusals of a quarantined function keep a full record: the first in each window (per function), the others
 * only counted. A refusal is not a run (no code ran), yet under a hostile client each one cost a full record written by
 * the record writer, the platform's busiest thread (issue 18: about 1,100 a second in the bench's hostile part).
 */
final class RefusalRecords {

    /** Beyond this many functions with a window, the ended windows are dropped (a window is only needed while it lasts). */
    private static final int PRUNE_ABOVE = 10_000;

    private final long windowMillis;
    private final LongSupplier nowMillis;
    /** Per function: when its current window ends (epoch milliseconds). */
    private final Map<String, Long> windowEnds = new ConcurrentHashMap<>();

    /** @param windowSeconds the window; 0 keeps every refusal in full */
    RefusalRecords(int windowSeconds, LongSupplier nowMillis) {
        this.windowMillis = Math.max(0, windowSeconds) * 1_000L;
        this.nowMillis = nowMillis;
    }

    static boolean isRefusal(InvocationRecord record) {
        return record.outcome() == Outcome.REJECTED && record.error() != null && RecordPolicy.QUARANTINED.equals(record.error().errorCode());
    }

    /** Whether this refusal is the first of its function's window (and so keeps its full record); starts a window if so. */
    boolean keepsInFull(String functionId) {
        if (windowMillis == 0) {
            return true;
        }
        long now = nowMillis.getAsLong();
        boolean[] first = new boolean[1];
        windowEnds.compute(functionId, (id, end) -> {
            if (end == null || now >= end || now < end - windowMillis) {
                first[0] = true;
                return now + windowMillis;
            }
            return end;
        });
        if (first[0] && windowEnds.size() > PRUNE_ABOVE) {
            windowEnds.values().removeIf(end -> end <= now);
        }
        return first[0];
    }

    long windowMillis() {
        return windowMillis;
    }
}
