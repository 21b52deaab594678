package io.switchboard.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cli.Api;
import io.switchboard.cli.Environment;
import io.switchboard.cli.Json;
import io.switchboard.cli.OutputFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sbf metrics fn --range 7d}: invocations per day and outcome, with durations, computed from the function's
 * invocation records (the server keeps them for its retention period).
 */
@Command(name = "metrics", description = "Invocations per day by outcome and their durations over a range (default 7d); -o json|csv.")
public final class MetricsCommand extends BaseCommand {
    private static final List<String> OUTCOMES = List.of("OK", "ERROR", "TIMEOUT", "REJECTED");

    @Parameters(index = "0", paramLabel = "fn")
    String name;

    @Option(names = {"-r", "--range"}, defaultValue = "7d", description = "How far back (e.g. 24h, 7d; default 7d).")
    String range;

    public MetricsCommand(Environment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        Api api = api();
        String id = api.requireFunction(name).path("id").asText();
        Map<String, Bucket> days = new TreeMap<>();
        for (JsonNode record : Invocations.since(api, id, Since.parse(range, Instant.now()))) {
            String day = Instant.parse(record.path("startedAt").asText()).atOffset(ZoneOffset.UTC).toLocalDate().toString();
            days.computeIfAbsent(day, d -> new Bucket()).add(record.path("outcome").asText(), record.path("durationMs").asLong());
        }
        List<String> headers = List.of("DAY", "INVOCATIONS", "OK", "ERROR", "TIMEOUT", "REJECTED", "AVG MS", "MAX MS");
        List<List<String>> rows = new ArrayList<>();
        days.forEach((day, b) -> rows.add(b.row(day)));
        if (format == OutputFormat.json) {
            ObjectNode answer = Json.object().put("function", name).put("range", range);
            days.forEach((day, b) -> b.json(answer.withArray("/days").addObject().put("day", day)));
            output.json(answer);
        } else if (format == OutputFormat.csv) {
            output.line(String.join(",", headers).toLowerCase().replace(' ', '_'));
            rows.forEach(r -> output.line(String.join(",", r)));
        } else {
            output.table(headers, rows);
        }
        return 0;
    }

    /** One day's counts and durations. */
    private static final class Bucket {
        private final Map<String, Integer> outcomes = new TreeMap<>();
        private long total;
        private long durationSum;
        private long durationMax;

        void add(String outcome, long durationMs) {
            outcomes.merge(outcome, 1, Integer::sum);
            total++;
            durationSum += durationMs;
            durationMax = Math.max(durationMax, durationMs);
        }

        List<String> row(String day) {
            List<String> row = new ArrayList<>(List.of(day, Long.toString(total)));
            OUTCOMES.forEach(o -> row.add(Integer.toString(outcomes.getOrDefault(o, 0))));
            row.add(Long.toString(total == 0 ? 0 : durationSum / total));
            row.add(Long.toString(durationMax));
            return row;
        }

        void json(ObjectNode node) {
            node.put("invocations", total);
            OUTCOMES.forEach(o -> node.put(o.toLowerCase(), outcomes.getOrDefault(o, 0)));
            node.put("avgDurationMs", total == 0 ? 0 : durationSum / total).put("maxDurationMs", durationMax);
        }
    }
}
