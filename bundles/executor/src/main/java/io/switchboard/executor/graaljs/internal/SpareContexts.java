package io.switchboard.executor.graaljs.internal;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few contexts prepared ahead on a background thread (prelude, toolbelt facades and the preloaded libraries
 * evaluated), so the first call of a new function version only evaluates its own code. A spare built for an
 * older set of toolbelt modules is closed instead of used. With a count of 0 nothing is prepared ahead.
 */
final class SpareContexts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpareContexts.class);

    private final BlockingQueue<SandboxFactory.Prepared> ready = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final Supplier<ToolbeltRegistry.Snapshot> snapshot;
    private final BiFunction<ToolbeltRegistry.Snapshot, Consumer<Context>, SandboxFactory.Prepared> prepare;
    private final Thread producer;
    /** The context the producer is preparing now, so closing can cancel it. */
    private volatile Context preparing;
    private volatile boolean closed;

    /**
     * @param prepare builds a spare for a toolbelt snapshot, handing the new context to its second argument first
     */
    SpareContexts(int count, Supplier<ToolbeltRegistry.Snapshot> snapshot,
            BiFunction<ToolbeltRegistry.Snapshot, Consumer<Context>, SandboxFactory.Prepared> prepare) {
        this.room = new Semaphore(Math.max(0, count));
        this.snapshot = snapshot;
        this.prepare = prepare;
        this.producer = count > 0 ? new Thread(this::produce, "switchboard-executor-spares") : null;
        if (producer != null) {
            producer.setDaemon(true);
            producer.start();
        }
    }

    /** A spare prepared for toolbelt generation {@code generation}, or null when none is ready. */
    SandboxFactory.Prepared take(long generation) {
        for (SandboxFactory.Prepared spare = ready.poll(); spare != null; spare = ready.poll()) {
            room.release();
            if (spare.generation() == generation) {
                return spare;
            }
            closeQuietly(spare);
        }
        return null;
    }

    /** Spares ready now; for tests and benchmarks. */
    int ready() {
        return ready.size();
    }

    private void produce() {
        try {
            while (!closed) {
                room.acquire();
                try {
                    ready.add(prepare.apply(snapshot.get(), this::preparing));
                    preparing = null;
                } catch (RuntimeException e) {
                    room.release();
                    if (closed) {
                        // the context being prepared was cancelled by close()
                        return;
                    }
                    // A failing preload would fail every time: stop preparing, calls build their contexts themselves.
                    LOG.error("Preparing spare contexts failed; new function versions build their contexts on the call", e);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Learns of the context the producer starts to prepare. close() may have read {@link #preparing} just before it was
     * set, and then cannot cancel it: the producer cancels it itself (both fields are volatile, so one of the two sees
     * the other's write).
     */
    private void preparing(Context context) {
        preparing = context;
        if (closed) {
            context.close(true);
        }
    }

    /**
     * Stops the producer, cancelling the context it is preparing, and closes the spares ready. Done before the engine
     * is closed: Engine.close(true) holds the engine's lock while it waits for threads in contexts, and a context being
     * prepared may need that lock (the first regular expression of a context creates the regex engine's context).
     * While the producer has not ended ({@link #ended}), the engine must stay open.
     */
    @Override
    public void close() {
        if (producer == null) {
            return;
        }
        closed = true;
        producer.interrupt();
        Context current = preparing;
        if (current != null) {
            try {
                current.close(true);
            } catch (RuntimeException e) {
                LOG.debug("Cancelling the spare context being prepared: {}", e.toString());
            }
        }
        try {
            producer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SandboxFactory.Prepared spare = ready.poll(); spare != null; spare = ready.poll()) {
            closeQuietly(spare);
        }
    }

    /** Whether no producer thread runs (any more). */
    boolean ended() {
        return producer == null || !producer.isAlive();
    }

    /** Returns once the producer has ended (after {@link #close}). */
    void awaitEnded() throws InterruptedException {
        if (producer != null) {
            producer.join();
        }
    }

    private static void closeQuietly(SandboxFactory.Prepared spare) {
        try {
            spare.context().close(true);
        } catch (RuntimeException e) {
            LOG.debug("Closing a spare context: {}", e.toString());
        }
    }
}
