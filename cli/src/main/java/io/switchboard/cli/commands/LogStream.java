package io.switchboard.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.cli.Api;
import io.switchboard.cli.ApiException;
import io.switchboard.cli.Json;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Follows {@code GET .../functions/{id}/logs/stream} (server-sent events, one {@code invocation} event per finished run):
 * first the runs recorded since a point in time, then live ones. A stream that ends (the server restarted, or it dropped a
 * slow client) is reopened after the last event seen ({@code Last-Event-ID}), so no run is missed or shown twice.
 */
final class LogStream {
    private LogStream() {
    }

    /**
     * Follows until interrupted; answers false at once if the server has no log stream (404 for a function that exists:
     * an older server), so that the caller can poll instead.
     */
    static boolean follow(Api api, String functionId, Instant since, Consumer<JsonNode> onRun) throws InterruptedException {
        String path = api.accountPath("/functions/" + functionId + "/logs/stream");
        String lastId = null;
        boolean opened = false;
        while (!Thread.currentThread().isInterrupted()) {
            try (Stream<String> lines = api.stream(lastId == null ? path + "?since=" + since : path, lastId)) {
                opened = true;
                lastId = read(lines.iterator(), lastId, onRun);
            } catch (ApiException e) {
                if (!opened && e.status() == 404) {
                    return false;
                }
                throw e;
            }
            TimeUnit.SECONDS.sleep(1); // the stream ended: reopen it after a pause rather than in a tight loop
        }
        return true;
    }

    /** Reads events until the stream ends; answers the id of the last invocation event. */
    private static String read(Iterator<String> lines, String lastId, Consumer<JsonNode> onRun) {
        String id = null;
        String event = "message";
        StringBuilder data = new StringBuilder();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if ("invocation".equals(event) && data.length() > 0) {
                    onRun.accept(Json.parse(data.toString()));
                    lastId = id != null ? id : lastId;
                }
                id = null;
                event = "message";
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).strip());
            }
        }
        return lastId;
    }
}
