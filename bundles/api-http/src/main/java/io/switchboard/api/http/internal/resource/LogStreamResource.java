package io.switchboard.api.http.internal.resource;

import io.switchboard.api.http.internal.CoreServices;
import io.switchboard.api.http.internal.json.Json;
import io.switchboard.api.http.internal.json.Views;
import io.switchboard.api.http.internal.routing.Router;
import io.switchboard.api.http.internal.stream.LogStream;
import io.switchboard.api.http.internal.stream.LogStreams;
import io.switchboard.api.http.internal.web.ApiRequest;
import io.switchboard.api.http.internal.web.ApiResponse;
import io.switchboard.api.http.internal.web.ProblemException;
import io.switchboard.api.http.internal.web.Problems;
import io.switchboard.core.api.function.InvocationRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code GET .../functions/{id}/logs/stream}: the function's new invocations with their log lines as server-sent events
 * (one {@code invocation} event per finished run, its id the invocation id). A client that names where it left off
 * ({@code Last-Event-ID}, as browsers' EventSource send on reconnecting, or {@code ?since=} an invocation id or an
 * ISO-8601 instant) first gets the recorded invocations after that point.
 */
public final class LogStreamResource {
    static final String PATH = FunctionsResource.BASE + "/{id}/logs/stream";
    /** Invocation ids are UUIDs (version 7: time-ordered, so later runs have greater ids, as text too). */
    private static final Pattern INVOCATION_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final CoreServices core;
    private final Json json;
    private final Views views;
    private final Supplier<LogStreams> streams;

    public LogStreamResource(CoreServices core, Json json, Views views, Supplier<LogStreams> streams) {
        this.core = core;
        this.json = json;
        this.views = views;
        this.streams = streams;
    }

    public void addRoutes(Router.Builder router) {
        router.get(PATH, this::stream);
    }

    private ApiResponse stream(ApiRequest request) {
        String account = request.path("account");
        String functionId = core.functions().get(account, request.path("id")).id();
        Optional<Predicate<InvocationRecord>> after = resumePoint(request);
        LogStreams hub = streams.get();
        if (hub == null) {
            throw new ProblemException(Problems.streamsUnavailable());
        }
        LogStream stream;
        try {
            stream = hub.open(account, functionId, this::event);
        } catch (LogStreams.LimitReachedException e) {
            throw new ProblemException(Problems.tooManyStreams(e.getMessage(), e.limit()));
        }
        try {
            // Opened first, listed second: a run finishing in between is in both, and the stream sends it once.
            after.ifPresent(point -> stream.replay(missed(account, functionId, point, hub.maxReplayed())));
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
        return ApiResponse.ok(stream);
    }

    private static Optional<Predicate<InvocationRecord>> resumePoint(ApiRequest request) {
        Optional<String> lastEventId = request.header("Last-Event-ID").filter(id -> !id.isBlank());
        Optional<String> since = lastEventId.isPresent() ? lastEventId : request.query("since");
        String field = lastEventId.isPresent() ? "Last-Event-ID" : "since";
        return since.map(String::strip).map(point -> {
            if (INVOCATION_ID.matcher(point).matches()) {
                String id = point.toLowerCase(java.util.Locale.ROOT);
                return record -> record.id().compareTo(id) > 0;
            }
            try {
                Instant time = Instant.parse(point);
                return record -> !record.startedAt().isBefore(time);
            } catch (DateTimeParseException e) {
                throw new ProblemException(Problems.validation(field,
                        "must be an invocation id or an ISO-8601 instant such as 2026-12-03T14:00:00Z, was '" + point + "'"));
            }
        });
    }

    /** The recorded invocations after the point, oldest first, at most {@code max} (the latest ones). */
    private List<InvocationRecord> missed(String account, String functionId, Predicate<InvocationRecord> after, int max) {
        if (max == 0) {
            return List.of();
        }
        List<InvocationRecord> newestFirst = new ArrayList<>();
        for (InvocationRecord record : core.invocations().list(account, functionId, 0, max).items()) {
            if (!after.test(record)) {
                break;
            }
            newestFirst.add(record);
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private String event(InvocationRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            json.write(out, views.invocation(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
