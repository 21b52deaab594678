package io.switchboard.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A function's invocation report ({@code GET .../functions/{id}/report}, docs/api.md) as rows: one per bucket, counts per
 * LivePerson state and duration percentiles. Kept apart from the command so the figures are checked without a server.
 */
final class ReportView {
    /** LivePerson's states, in the order the table and the CSV show them. */
    static final List<String> STATES = List.of("SUCCEEDED", "CODING_FAILURE", "TIMEOUT", "PLATFORM_FAILURE", "UNKNOWN");
    static final List<String> HEADERS = List.of("START", "INVOCATIONS", "SUCCEEDED", "CODING_FAILURE", "TIMEOUT",
            "PLATFORM_FAILURE", "UNKNOWN", "P50 MS", "P95 MS", "P99 MS", "MAX MS");
    static final List<String> RANGES = List.of("1h", "24h", "7d", "30d");

    private final JsonNode report;

    ReportView(JsonNode report) {
        this.report = report;
    }

    /** Every bucket of the range, oldest first, empty ones included (for scripts: a continuous series). */
    List<List<String>> allBuckets() {
        List<List<String>> rows = new ArrayList<>();
        report.path("buckets").forEach(b -> rows.add(row(b.path("start").asText(), b.path("counts"), b.path("durations"))));
        return rows;
    }

    /** The buckets that saw invocations, then the range's total (for people: 168 empty hours say nothing). */
    List<List<String>> busyBucketsAndTotal() {
        List<List<String>> rows = new ArrayList<>();
        report.path("buckets").forEach(b -> {
            if (total(b.path("counts")) > 0) {
                rows.add(row(b.path("start").asText(), b.path("counts"), b.path("durations")));
            }
        });
        rows.add(row("TOTAL", report.path("totals"), report.path("durations")));
        return rows;
    }

    /** The CSV: a lower-case header line, then every bucket; a percentile without invocations is an empty cell. */
    List<String> csv() {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", HEADERS).toLowerCase().replace(' ', '_'));
        allBuckets().forEach(r -> lines.add(String.join(",", r)));
        return lines;
    }

    private static List<String> row(String start, JsonNode counts, JsonNode durations) {
        List<String> row = new ArrayList<>(List.of(start, Long.toString(total(counts))));
        STATES.forEach(s -> row.add(Long.toString(counts.path(s).asLong())));
        for (String p : List.of("p50", "p95", "p99", "max")) {
            JsonNode value = durations.path(p);
            row.add(value.isNumber() ? value.asText() : "");
        }
        return row;
    }

    private static long total(JsonNode counts) {
        long sum = 0;
        for (String state : STATES) {
            sum += counts.path(state).asLong();
        }
        return sum;
    }
}
