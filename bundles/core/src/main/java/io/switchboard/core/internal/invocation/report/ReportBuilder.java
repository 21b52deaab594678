package io.switchboard.core.internal.invocation.report;

import io.switchboard.core.api.function.InvocationReport;
import io.switchboard.core.api.function.InvocationState;
import io.switchboard.core.api.function.ReportRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Turns rollup rows summed per bucket into a report with every bucket and state, and percentiles per bucket and overall. */
public final class ReportBuilder {

    private ReportBuilder() {
    }

    /** The start of the range's first bucket when the report is asked at {@code now}: the last bucket holds {@code now}. */
    public static Instant from(ReportRange range, Instant now) {
        long bucket = range.bucket().toMillis();
        long currentStart = now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), bucket);
        return Instant.ofEpochMilli(currentStart - bucket * (range.buckets() - 1));
    }

    public static InvocationReport build(String functionId, ReportRange range, Instant from, List<InvocationRollup.Row> rows) {
        int n = range.buckets();
        long bucketMillis = range.bucket().toMillis();
        List<Map<InvocationState, Long>> counts = new ArrayList<>(n);
        List<DurationHistogram> histograms = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            counts.add(zeros());
            histograms.add(new DurationHistogram());
        }
        Map<InvocationState, Long> totals = zeros();
        DurationHistogram overall = new DurationHistogram();
        for (InvocationRollup.Row row : rows) {
            if (row.slot() < 0 || row.slot() >= n) {
                continue; // the query bounds the minutes; kept safe against a clock step between bound and read
            }
            counts.get(row.slot()).merge(row.state(), row.invocations(), Long::sum);
            histograms.get(row.slot()).addAll(row.histogram());
            totals.merge(row.state(), row.invocations(), Long::sum);
            overall.addAll(row.histogram());
        }
        List<InvocationReport.Bucket> buckets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            buckets.add(new InvocationReport.Bucket(from.plusMillis(bucketMillis * i), counts.get(i), histograms.get(i).durations()));
        }
        return new InvocationReport(functionId, range, from, from.plusMillis(bucketMillis * n), totals, overall.durations(), buckets);
    }

    private static Map<InvocationState, Long> zeros() {
        Map<InvocationState, Long> map = new EnumMap<>(InvocationState.class);
        for (InvocationState state : InvocationState.values()) {
            map.put(state, 0L);
        }
        return map;
    }
}
