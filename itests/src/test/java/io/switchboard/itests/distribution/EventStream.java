package io.switchboard.itests.distribution;

import java.net.URI;
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

/** A client of a server-sent event stream: reads its lines on a thread of its own, so a test waits for one with a deadline. */
final class EventStream implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> taken = new ArrayList<>();

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // closed by the test or the server: the end of the lines
            }
        }, "sse-itest-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream; {@code headers} are name, value pairs. */
    static EventStream open(String url, String key, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return new EventStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The next line (after those taken) that matches; fails after the deadline naming the lines seen. */
    String await(Predicate<String> line, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            String next = lines.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("no matching line within " + deadline + "; saw " + taken);
            }
            taken.add(next);
            if (line.test(next)) {
                return next;
            }
        }
    }

    /** The data of the next event of that type. */
    String nextData(String event, Duration deadline) throws InterruptedException {
        await(("event: " + event)::equals, deadline);
        return await(l -> l.startsWith("data: "), deadline).substring("data: ".length());
    }

    List<String> taken() {
        return taken;
    }

    @Override
    public void close() {
        response.body().close();
    }
}
