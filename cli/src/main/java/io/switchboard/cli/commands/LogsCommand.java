package io.switchboard.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cli.Api;
import io.switchboard.cli.Environment;
import io.switchboard.cli.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sbf logs fn}: the log lines of a function's invocations, oldest first; {@code --follow} keeps printing new ones
 * from the server's live log stream (server-sent events), or, from a server without it, by polling the invocation
 * records every {@code --interval} seconds, until interrupted.
 */
@Command(name = "logs", description = "Show the logs of a function's invocations; --follow keeps printing new ones.")
public final class LogsCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "fn")
    String name;

    @Option(names = {"-s", "--since"}, defaultValue = "1h", description = "From when: a span back (30m, 2h, 7d) or an ISO time (default 1h).")
    String since;

    @Option(names = {"-l", "--level"}, split = ",", description = "Levels to show (DEBUG, INFO, WARN, ERROR; default all).")
    List<String> levels;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new log lines until interrupted (Ctrl-C).")
    boolean follow;

    @Option(names = "--interval", defaultValue = "2", description = "Seconds between polls with --follow, for a server without the live log stream.")
    int interval;

    public LogsCommand(Environment environment) {
        super(environment);
    }

    @Override
    public Integer call() throws InterruptedException {
        Api api = api();
        String id = api.requireFunction(name).path("id").asText();
        Set<String> seen = new HashSet<>();
        Instant from = Since.parse(since, Instant.now());
        ArrayNode all = Json.mapper().createArrayNode();
        if (follow && LogStream.follow(api, id, from, run -> {
            if (seen.add(run.path("id").asText())) {
                print(run, all);
            }
        })) {
            return 0;
        }
        do {
            List<JsonNode> records = new ArrayList<>(Invocations.since(api, id, from));
            java.util.Collections.reverse(records);
            for (JsonNode record : records) {
                if (seen.add(record.path("id").asText())) {
                    print(record, all);
                }
            }
            if (follow) {
                Thread.sleep(interval * 1000L);
            }
        } while (follow);
        if (json()) {
            output.json(all);
        }
        return 0;
    }

    private void print(JsonNode record, ArrayNode all) {
        for (JsonNode line : record.path("logs")) {
            String level = line.path("level").asText();
            if (levels != null && levels.stream().noneMatch(l -> l.toUpperCase(Locale.ROOT).equals(level))) {
                continue;
            }
            ObjectNode entry = ((ObjectNode) line.deepCopy()).put("invocationId", record.path("id").asText());
            if (json() && !follow) {
                all.add(entry);
            } else if (json()) {
                output.line(Json.compact(entry));
            } else {
                output.line(line.path("time").asText() + " " + output.state(level) + " " + line.path("message").asText()
                        + (line.hasNonNull("extras") ? " " + Json.compact(line.get("extras")) : "") + "  [" + record.path("id").asText() + "]");
            }
        }
        environment.out().flush();
    }
}
