package io.switchboard.http.internal;

import io.switchboard.http.api.BodyRefusedException;
import io.switchboard.http.api.BodyRefusedException.Refusal;
import io.switchboard.http.api.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads request bodies on the request's thread, within a size, a deadline, a minimum data rate and a number of reads
 * at once. Felix HTTP Jetty 1.1.8 offers no setting for Jetty's minimum request data rate (its
 * {@code HttpConfiguration} is not configurable through {@code org.apache.felix.http.*} properties), so the rate and the
 * deadline are enforced here, for every servlet that reads through this service.
 */
@Component(service = RequestBodies.class, configurationPid = BoundedBodyReader.PID)
@Designate(ocd = BodyReadingConfiguration.class)
public final class BoundedBodyReader implements RequestBodies {

    public static final String PID = "io.switchboard.http";

    private static final Logger LOG = LoggerFactory.getLogger(BoundedBodyReader.class);
    /**
     * The rate is judged only after this long: a body's first bytes often wait for a {@code 100 Continue}, a TCP
     * window or a GC pause of either side, and a second is far below any deadline worth configuring.
     */
    private static final long RATE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Allocated before the bytes arrive: a promised length alone must not reserve memory. */
    private static final int FIRST_BUFFER_BYTES = 64 * 1024;
    /** The first buffer of a chunked body, which declares no length. */
    private static final int UNKNOWN_LENGTH_BUFFER_BYTES = 8 * 1024;

    private final ReadPermits permits = new ReadPermits();
    private final LongAdder deadlinesStarted = new LongAdder();
    private final ScheduledExecutorService timers;
    private volatile BodyLimits limits;

    @Activate
    public BoundedBodyReader(BodyReadingConfiguration config) {
        this(BodyLimits.from(config));
    }

    public BoundedBodyReader(BodyLimits limits) {
        this.limits = limits;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "switchboard-body-read-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true); // almost every read ends long before its deadline
        this.timers = executor;
        LOG.info("Request bodies are read within {} ms, at {} bytes/s at least, {} at once ({} per account)", limits.timeoutMillis(),
                limits.minBytesPerSecond(), limits.maxReads(), limits.maxReadsPerAccount());
    }

    @Modified
    void modified(BodyReadingConfiguration config) {
        limits = BodyLimits.from(config);
        LOG.info("Request bodies are now read within {} ms, at {} bytes/s at least, {} at once ({} per account)",
                limits.timeoutMillis(), limits.minBytesPerSecond(), limits.maxReads(), limits.maxReadsPerAccount());
    }

    @Deactivate
    public void close() {
        timers.shutdownNow();
    }

    @Override
    public byte[] read(HttpServletRequest request, String account, long maxBytes) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        if (declared == 0 || (declared < 0 && request.getHeader("Transfer-Encoding") == null)) {
            return new byte[0];
        }
        BodyLimits current = limits;
        try (ReadPermits.Permit permit = permits.acquire(account, current)) {
            InputStream in = request.getInputStream();
            if (declared > 0 && in.available() >= declared) {
                // The whole body arrived with the head (most webhook calls: a few KB in one segment), so no read can
                // block and no deadline is needed. Scheduling and cancelling one woke the timer thread on every event.
                return readAll(in, declared, maxBytes, current);
            }
            deadlinesStarted.increment();
            ReadDeadline deadline = ReadDeadline.start(timers, current.timeoutMillis());
            try {
                return readAll(in, declared, maxBytes, current);
            } catch (IOException failure) {
                if (deadline.finish()) {
                    throw tooSlow("The request body was not complete within " + current.timeoutMillis() + " ms",
                            current.timeoutMillis());
                }
                throw failure;
            } finally {
                deadline.finish();
            }
        }
    }

    /** Bodies being read now. */
    int readsInProgress() {
        return permits.inProgress();
    }

    /** Reads that had to be watched by a deadline because their body had not arrived in full when reading began. */
    long deadlinesStarted() {
        return deadlinesStarted.sum();
    }

    /**
     * Reads to the end of the stream, whatever Content-Length said (it sizes the first buffer only): a body is never
     * trusted to stop where it promised, and never allowed past {@code maxBytes}.
     */
    private static byte[] readAll(InputStream in, long declared, long maxBytes, BodyLimits limits) throws IOException {
        int cap = (int) Math.min(maxBytes, Integer.MAX_VALUE - 16);
        byte[] buffer = new byte[(int) Math.min(cap, Math.min(declared >= 0 ? declared : UNKNOWN_LENGTH_BUFFER_BYTES, FIRST_BUFFER_BYTES))];
        long started = System.nanoTime();
        int total = 0;
        while (true) {
            if (total == buffer.length) {
                // A full buffer: one byte more tells whether the body goes on (the usual case, a body of exactly its
                // declared length, then costs no copy).
                int next = in.read();
                if (next < 0) {
                    break;
                }
                if (total == cap) {
                    throw tooLarge(maxBytes);
                }
                long wanted = declared > total ? declared : 2L * buffer.length;
                buffer = Arrays.copyOf(buffer, (int) Math.min(cap, wanted));
                buffer[total++] = (byte) next;
            } else {
                int read = in.read(buffer, total, buffer.length - total);
                if (read < 0) {
                    break;
                }
                total += read;
            }
            checkRate(total, started, limits);
        }
        if (declared >= 0 && total < declared) {
            throw new EOFException("the body ended after " + total + " of the " + declared + " bytes its Content-Length promised");
        }
        return total == buffer.length ? buffer : Arrays.copyOf(buffer, total);
    }

    private static void checkRate(long total, long started, BodyLimits limits) {
        long elapsed = System.nanoTime() - started;
        if (limits.minBytesPerSecond() > 0 && elapsed > RATE_GRACE_NANOS
                && total * 1_000_000_000d / elapsed < limits.minBytesPerSecond()) {
            throw tooSlow("The request body arrives slower than " + limits.minBytesPerSecond() + " bytes per second ("
                    + total + " bytes in " + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms)", limits.minBytesPerSecond());
        }
    }

    private static BodyRefusedException tooLarge(long maxBytes) {
        return new BodyRefusedException(Refusal.TOO_LARGE, "The request body exceeds the limit of " + maxBytes + " bytes", maxBytes);
    }

    private static BodyRefusedException tooSlow(String detail, long limit) {
        return new BodyRefusedException(Refusal.TOO_SLOW, detail + "; send the whole body at once", limit);
    }
}
