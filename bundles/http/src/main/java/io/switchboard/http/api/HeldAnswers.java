package io.switchboard.http.api;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds answers for a while before sending them, without holding a thread: the request goes asynchronous and one timer
 * thread sends each answer at its time. The platform's servlets hold their answers to events the core refused for now
 * (those with {@code Retry-After}: a quarantined function, full capacity), so a client that ignores {@code Retry-After}
 * and sends again at once is slowed to one refusal per delay and connection, instead of a flood of refusals that each
 * cost the platform a request's worth of CPU (docs/benchmarks.md, "Round 6: refusals held back"). At most
 * {@code maxHeld} answers wait at once; beyond, answers are sent at once. The servlet must be registered with
 * asynchronous support; without it every answer is sent at once.
 *
 * @since 1.1
 */
public final class HeldAnswers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeldAnswers.class);

    /** The default hold of a refusal, for the {@code refusalDelayMillis} key of the servlets that hold theirs. */
    public static final long DEFAULT_DELAY_MILLIS = 100;
    /** The default of their {@code maxHeldRefusals}. */
    public static final int DEFAULT_MAX_HELD = 10_000;
    /** What their {@code refusalDelayMillis} means (metatype). */
    public static final String DELAY_DESCRIPTION = "Milliseconds an answer that refuses for now (it carries Retry-After: "
            + "quarantined functions, full capacity, a rate) is held before it is sent, without holding a thread, so that a "
            + "client ignoring Retry-After is slowed to one refusal per this time and connection; 0 answers at once";
    /** What their {@code maxHeldRefusals} means (metatype). */
    public static final String MAX_HELD_DESCRIPTION = "Refusal answers held at most at once; beyond, refusals are answered at once";

    /** Sends the answer (status and headers are set before the request goes asynchronous, so metrics see them). */
    @FunctionalInterface
    public interface Answer {
        void send() throws IOException;
    }

    private final ScheduledThreadPoolExecutor timer;
    private final AtomicInteger held = new AtomicInteger();

    /** @param threadName the name of the timer thread that sends the held answers */
    public HeldAnswers(String threadName) {
        this.timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Holds the answer for {@code delayMillis} and returns true, or returns false when it must be sent now: no delay is
     * configured, the request cannot go asynchronous, {@code maxHeld} answers already wait, or the timer has stopped.
     */
    public boolean hold(HttpServletRequest request, long delayMillis, int maxHeld, Answer answer) {
        if (delayMillis <= 0 || !request.isAsyncSupported()) {
            return false;
        }
        if (held.incrementAndGet() > maxHeld) {
            held.decrementAndGet();
            return false;
        }
        AsyncContext async;
        try {
            async = request.startAsync();
        } catch (IllegalStateException e) {
            held.decrementAndGet();
            return false;
        }
        // A held answer never waits for the container's async timeout (30 s): it is sent at its time or when the timer
        // stops.
        async.setTimeout(0);
        try {
            timer.schedule(() -> async.start(() -> send(async, answer)), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            send(async, answer);
        }
        return true;
    }

    private void send(AsyncContext async, Answer answer) {
        try {
            answer.send();
        } catch (IOException | RuntimeException e) {
            // The client went away while its refusal was held: nobody to answer.
            LOG.debug("A held refusal could not be sent: {}", e.toString());
        } finally {
            held.decrementAndGet();
            async.complete();
        }
    }

    /** Sends every held answer now and stops the timer. */
    @Override
    public void close() {
        for (Runnable pending : timer.shutdownNow()) {
            pending.run();
        }
    }
}
