package io.switchboard.core.internal.health;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.log.SafeText;

/**
 * What became of the platform's own worker threads (asynchronous workers, record writers, database maintenance): a
 * worker that ends while it should run is remembered and reported by its component's health check, so it never dies
 * silently. An {@link OutOfMemoryError} caught in a worker's loop (most often caused by something else filling the heap,
 * such as a function) is logged and counted, and the worker goes on.
 */
public final class WorkerLife {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerLife.class);

    private final String what;
    private final Clock clock;
    private final List<String> deaths = new CopyOnWriteArrayList<>();

    /** @param what the kind of worker, for messages ("asynchronous worker") */
    public WorkerLife(String what) {
        this(what, Clock.systemUTC());
    }

    WorkerLife(String what, Clock clock) {
        this.what = what;
        this.clock = clock;
    }

    /** Runs the task; a Throwable that escapes it is recorded as the death of the current thread, then rethrown. */
    public Runnable watched(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable e) {
                died(e);
                throw e;
            }
        };
    }

    /** Runs one periodic run or loop turn; an OutOfMemoryError is logged and survived, other errors end the worker. */
    public void survivingOutOfMemory(Runnable turn) {
        try {
            turn.run();
        } catch (OutOfMemoryError e) {
            LOG.error("The {} {} ran out of memory and goes on; find what fills the heap (a function's memory?)", what,
                    Thread.currentThread().getName(), e);
        }
    }

    /** Records that the current thread ended by the error. */
    public void died(Throwable cause) {
        String death = "the " + what + " " + Thread.currentThread().getName() + " died at "
                + Instant.now(clock).truncatedTo(ChronoUnit.SECONDS) + " of " + SafeText.of(cause, 300);
        deaths.add(death);
        LOG.error("{}; it is not restarted until its component restarts", death, cause);
    }

    /** The deaths so far, one line each; empty while every worker lives. */
    public List<String> problems() {
        return List.copyOf(deaths);
    }
}
