package io.switchboard.api.http.internal;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Reads a server-sent event stream line by line on a thread of its own, so a test can wait for a line with a deadline. */
final class EventStreamClient implements AutoCloseable {
    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final Thread reader;

    EventStreamClient(HttpClient client, HttpRequest request) throws Exception {
        response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
                lines.add("<end>");
            } catch (RuntimeException e) {
                lines.add("<end>");
            }
        }, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    int status() {
        return response.statusCode();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** Waits for the first line (after those already taken) that matches; fails after the deadline. */
    String await(Predicate<String> line, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            String next = lines.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("no matching line within " + deadline + "; saw " + seen);
            }
            seen.add(next);
            if (line.test(next)) {
                return next;
            }
        }
    }

    /** Every line read so far (taken by {@link #await} or not). */
    List<String> seen() {
        List<String> all = new ArrayList<>(seen);
        all.addAll(lines);
        return all;
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
