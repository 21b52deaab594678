package io.switchboard.api.http.internal.resource;

import io.switchboard.core.api.function.InvocationReport;
import io.switchboard.core.api.function.InvocationState;
import java.util.List;
import java.util.Map;

/**
 * An invocation report as the API answers it.
 *
 * @param functionId the function
 * @param range {@code 1h}, {@code 24h}, {@code 7d} or {@code 30d}
 * @param bucketSeconds the length of a bucket
 * @param from the first bucket's start
 * @param to the last bucket's end
 * @param totals invocations per LivePerson state over the range
 * @param durations duration percentiles over the range (ms)
 * @param buckets every bucket, oldest first
 */
record ReportView(String functionId, String range, long bucketSeconds, String from, String to, Map<InvocationState, Long> totals,
        InvocationReport.Durations durations, List<BucketView> buckets) {

    /** One bucket: its start, counts per state and duration percentiles. */
    record BucketView(String start, Map<InvocationState, Long> counts, InvocationReport.Durations durations) {
    }

    static ReportView of(InvocationReport report) {
        return new ReportView(report.functionId(), report.range().label(), report.range().bucket().toSeconds(), report.from().toString(),
                report.to().toString(), new java.util.EnumMap<>(report.totals()), report.durations(), report.buckets().stream()
                        .map(b -> new BucketView(b.start().toString(), new java.util.EnumMap<>(b.counts()), b.durations())).toList());
    }
}
