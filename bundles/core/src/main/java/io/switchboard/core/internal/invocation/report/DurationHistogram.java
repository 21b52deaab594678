package io.switchboard.core.internal.invocation.report;

import io.switchboard.core.api.function.InvocationReport.Durations;
import java.util.Arrays;

/**
 * Invocation durations counted in buckets of fixed bounds (1-2-5 steps from 1 ms to 60 s, then one open bucket), so
 * rollups of any minutes add up and percentiles come from counts alone. A percentile is the upper bound of the bucket
 * it falls in, capped at the longest duration seen: at most 2.5 times the exact value (one 1-2-5 step).
 */
public final class DurationHistogram {

    /** Upper bounds (inclusive, ms) of every bucket but the last, which holds longer durations. */
    static final long[] BOUNDS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 30_000, 60_000};
    /** Number of buckets: one per bound and the open one. */
    public static final int BUCKETS = BOUNDS.length + 1;

    private final long[] counts;
    private long max;

    public DurationHistogram() {
        this(new long[BUCKETS], 0);
    }

    /** A histogram of the counts read from a rollup (one per bucket) and the longest duration. */
    public DurationHistogram(long[] counts, long max) {
        if (counts.length != BUCKETS) {
            throw new IllegalArgumentException("a duration histogram has " + BUCKETS + " buckets, not " + counts.length);
        }
        this.counts = counts.clone();
        this.max = max;
    }

    /** The bucket a duration falls in. */
    public static int bucketOf(long durationMs) {
        int i = Arrays.binarySearch(BOUNDS, Math.max(0, durationMs));
        return i >= 0 ? i : -i - 1;
    }

    public void add(long durationMs) {
        counts[bucketOf(durationMs)]++;
        max = Math.max(max, durationMs);
    }

    public void addAll(DurationHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        max = Math.max(max, other.max);
    }

    public long count(int bucket) {
        return counts[bucket];
    }

    public long count() {
        return Arrays.stream(counts).sum();
    }

    public long max() {
        return max;
    }

    /** p50, p95 and p99 of what was counted. */
    public Durations durations() {
        long total = count();
        if (total == 0) {
            return Durations.NONE;
        }
        return new Durations(total, percentile(50, total), percentile(95, total), percentile(99, total), max);
    }

    /** The nearest-rank percentile: the bucket holding the ceil(p% of n)-th shortest duration. */
    long percentile(int percent, long total) {
        long rank = Math.max(1, (total * percent + 99) / 100);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i < BOUNDS.length ? Math.min(BOUNDS[i], max) : max;
            }
        }
        return max;
    }
}
