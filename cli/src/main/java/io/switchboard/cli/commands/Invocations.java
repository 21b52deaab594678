package io.switchboard.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.cli.Api;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A function's invocation records since a time, read page by page (newest first) until an older one shows up. */
final class Invocations {
    private Invocations() {
    }

    static List<JsonNode> since(Api api, String functionId, Instant since) {
        List<JsonNode> records = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode answer = api.get(api.accountPath("/functions/" + functionId + "/invocations?page=" + page + "&size=100"));
            for (JsonNode record : answer.path("items")) {
                if (Instant.parse(record.path("startedAt").asText()).isBefore(since)) {
                    return records;
                }
                records.add(record);
            }
            if (answer.path("items").size() < 100) {
                return records;
            }
        }
    }
}
