package io.switchboard.api.http.internal.stream;

import io.switchboard.api.http.internal.web.Streamed;
import io.switchboard.core.api.function.InvocationRecord;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's live stream of one function's invocations, as server-sent events: the invocations it missed (if it
 * named where it left off), then each new one as it finishes, and a comment line as heartbeat whenever it is quiet.
 * The core hands records in through {@link #offer}, which never blocks: the records wait in a bounded buffer for the
 * stream's own writer thread, and a client that lets the buffer fill up is told so and dropped.
 */
public final class LogStream implements Streamed {

    private static final Logger LOG = LoggerFactory.getLogger(LogStream.class);

    private final String account;
    private final String functionId;
    private final BlockingQueue<InvocationRecord> buffer;
    private final Function<InvocationRecord, String> json;
    private final Duration heartbeat;
    private final Consumer<LogStream> onClose;
    private final java.util.concurrent.Executor writers;
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile List<InvocationRecord> replay = List.of();

    LogStream(String account, String functionId, int bufferedEvents, Function<InvocationRecord, String> json, Duration heartbeat,
            Consumer<LogStream> onClose, java.util.concurrent.Executor writers) {
        this.account = account;
        this.functionId = functionId;
        this.buffer = new ArrayBlockingQueue<>(bufferedEvents);
        this.json = json;
        this.heartbeat = heartbeat;
        this.onClose = onClose;
        this.writers = writers;
    }

    String account() {
        return account;
    }

    String functionId() {
        return functionId;
    }

    /** The invocations to send before the live ones, oldest first (those that also arrive live are sent once). */
    public void replay(List<InvocationRecord> records) {
        this.replay = List.copyOf(records);
    }

    /** Takes a finished invocation for sending; never waits. A full buffer marks the client as too slow. */
    void offer(InvocationRecord record) {
        if (!closed.get() && !buffer.offer(record)) {
            overflowed.set(true);
        }
    }

    /** Whether this stream is over: the client went, was too slow, or the platform is stopping. */
    boolean closed() {
        return closed.get();
    }

    /** Ends the stream from outside (stopping); its writer notices at its next wait. */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.accept(this);
        }
    }

    @Override
    public void start(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        // Tells nginx (and proxies that honour it) to pass each event on at once instead of buffering the response.
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                close();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                close();
            }

            @Override
            public void onError(AsyncEvent event) {
                close();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        try {
            writers.execute(() -> write(async, response));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Only while stopping: the streams are closing anyway.
            close();
            async.complete();
        }
    }

    private void write(AsyncContext async, HttpServletResponse response) {
        try {
            ServletOutputStream out = response.getOutputStream();
            send(out, ": live invocations of function " + functionId + "\nretry: 2000\n\n");
            Set<String> replayed = new HashSet<>();
            for (InvocationRecord record : replay) {
                replayed.add(record.id());
                send(out, event(record));
            }
            while (!closed.get()) {
                InvocationRecord next = buffer.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (overflowed.get()) {
                    send(out, "event: dropped\ndata: {\"reason\":\"The client read events slower than the function ran; "
                            + "reconnect with Last-Event-ID to get what it missed.\"}\n\n");
                    LOG.info("Live log stream of function {} of account {} dropped: its client let its buffer of {} events fill up",
                            functionId, account, buffer.size() + buffer.remainingCapacity());
                    break;
                }
                if (next == null) {
                    send(out, ": heartbeat\n\n");
                    continue;
                }
                List<InvocationRecord> ready = new ArrayList<>();
                ready.add(next);
                buffer.drainTo(ready);
                StringBuilder events = new StringBuilder();
                for (InvocationRecord record : ready) {
                    if (!replayed.remove(record.id())) {
                        events.append(event(record));
                    }
                }
                if (!events.isEmpty()) {
                    send(out, events.toString());
                }
            }
        } catch (IOException e) {
            LOG.debug("Live log stream of function {} of account {} ended: the client went ({})", functionId, account, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Live log stream of function {} of account {} failed", functionId, account, e);
        } finally {
            close();
            try {
                async.complete();
            } catch (IllegalStateException e) {
                LOG.debug("Live log stream already completed by the container", e);
            }
        }
    }

    private String event(InvocationRecord record) {
        // Record JSON is written on one line (Jackson's default), as an SSE data field must be.
        return "id: " + record.id() + "\nevent: invocation\ndata: " + json.apply(record) + "\n\n";
    }

    private static void send(ServletOutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
