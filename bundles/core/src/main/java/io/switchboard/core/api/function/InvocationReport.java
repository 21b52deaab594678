package io.switchboard.core.api.function;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A function's invocations over a {@link ReportRange}: counts per bucket and {@link InvocationState}, and duration
 * percentiles, answered from the per-minute rollup kept as records are written.
 *
 * @param functionId the function
 * @param range the period
 * @param from the first bucket's start (buckets are aligned to their size)
 * @param to the end of the last bucket
 * @param totals invocations per state over the whole range (every state present)
 * @param durations duration percentiles over the whole range
 * @param buckets every bucket of the range, oldest first, empty ones included
 * @since 1.5
 */
public record InvocationReport(String functionId, ReportRange range, Instant from, Instant to, Map<InvocationState, Long> totals,
        Durations durations, List<Bucket> buckets) {

    public InvocationReport {
        totals = Map.copyOf(totals);
        buckets = List.copyOf(buckets);
    }

    /**
     * One bucket.
     *
     * @param start its start
     * @param counts invocations per state (every state present)
     * @param durations duration percentiles of its invocations
     */
    public record Bucket(Instant start, Map<InvocationState, Long> counts, Durations durations) {
        public Bucket {
            counts = Map.copyOf(counts);
        }
    }

    /**
     * Duration percentiles in milliseconds from a histogram of fixed bounds: each percentile is the upper bound of the
     * histogram bucket it falls in, capped at the longest duration seen, so it is at most that bucket's width above the
     * exact value; all null when there was no invocation.
     *
     * @param count invocations measured
     * @param p50 median
     * @param p95 95th percentile
     * @param p99 99th percentile
     * @param max the longest
     */
    public record Durations(long count, Long p50, Long p95, Long p99, Long max) {
        /** No invocation. */
        public static final Durations NONE = new Durations(0, null, null, null, null);
    }
}
