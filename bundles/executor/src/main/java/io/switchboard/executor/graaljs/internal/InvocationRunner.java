package io.switchboard.executor.graaljs.internal;

import io.switchboard.core.api.execution.ExecutionResult;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.graalvm.polyglot.PolyglotException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one invocation on a warm or new context under the watchdog, turns whatever happened into an
 * {@link ExecutionResult}, and returns the context to the pool only when the run ended cleanly and the context may
 * be kept ({@link ContextRecycling}).
 */
final class InvocationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(InvocationRunner.class);
    private static final Set<String> RUNTIME_ERRORS = Set.of("TypeError", "ReferenceError", "SyntaxError");

    private final SandboxFactory sandbox;
    private final ContextPool pool;
    private final Watchdog watchdog;
    private final ToolbeltRegistry toolbelt;
    private final ContextRecycling recycling;
    private final ExecutorHealth health;
    private volatile boolean stopped;
    /** Threads inside {@link #run} now, warm-up included; the engine may be closed only once none is left. */
    private final AtomicInteger inside = new AtomicInteger();
    private final Object drained = new Object();

    InvocationRunner(SandboxFactory sandbox, ContextPool pool, Watchdog watchdog, ToolbeltRegistry toolbelt, ContextRecycling recycling,
            ExecutorHealth health) {
        this.sandbox = sandbox;
        this.pool = pool;
        this.watchdog = watchdog;
        this.toolbelt = toolbelt;
        this.recycling = recycling;
        this.health = health;
    }

    /**
     * Refuses new runs, stops those under way (their contexts cancelled, as at a deadline) and waits up to
     * {@code timeoutNanos} for every thread to leave {@link #run}, except the {@code unstoppable} ones, which were
     * already found not to end when cancelled.
     *
     * <p>The engine must not be closed before: {@code Engine.close(true)} holds the engine's lock while it waits for the
     * threads in its contexts, and a thread that is creating a language context meanwhile (the first evaluation in a
     * new context, the first regular expression of a context) blocks on that lock, so neither ever goes on. Found as a
     * hung CI build: {@code LifecycleTest} deactivated the executor while its warm-up run was initializing a context.
     *
     * @return whether every thread left in time and none is known to be unstoppable
     */
    boolean stopAndDrain(long timeoutNanos, IntSupplier unstoppable) {
        stopped = true;
        watchdog.stopAll(new Invocation.Stop(FailureCode.EXECUTOR_STOPPED, "the executor stopped while the function ran"));
        // A thread entering run() from now on sees `stopped` and leaves without touching the engine.
        return awaitDrained(timeoutNanos, unstoppable) && unstoppable.getAsInt() == 0;
    }

    /** Waits until no thread is inside {@link #run}; for ever when nothing of it can be stopped. */
    void awaitDrained() {
        awaitDrained(Long.MAX_VALUE, () -> 0);
    }

    /** Waits up to {@code timeoutNanos} until at most {@code unstoppable} threads are inside {@link #run}. */
    private boolean awaitDrained(long timeoutNanos, IntSupplier unstoppable) {
        long deadline = System.nanoTime() + Math.min(timeoutNanos, Long.MAX_VALUE / 2);
        synchronized (drained) {
            while (inside.get() > unstoppable.getAsInt()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(drained, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Threads inside {@link #run} now. */
    int inside() {
        return inside.get();
    }

    /** Runs the invocation on the calling thread, which must be the one {@link Invocation#runOn} named. */
    ExecutionResult run(Invocation invocation) {
        inside.incrementAndGet();
        try {
            return runWatched(invocation);
        } finally {
            inside.decrementAndGet();
            if (stopped) {
                synchronized (drained) {
                    drained.notifyAll();
                }
            }
        }
    }

    private ExecutionResult runWatched(Invocation invocation) {
        if (stopped) {
            return invocation.result(new Invocation.Stop(FailureCode.EXECUTOR_STOPPED, "the executor is stopping"));
        }
        var request = invocation.request();
        watchdog.watch(invocation);
        if (stopped) {
            // stopAndDrain stopped the runs it found watched, and this one may have been watched just after.
            invocation.stop(new Invocation.Stop(FailureCode.EXECUTOR_STOPPED, "the executor is stopping"));
        }
        WarmContext warm = null;
        Invocation.Stop reason;
        try {
            pool.use(request.functionId(), request.codeId());
            warm = pool.borrow(request.codeId());
            if (warm == null) {
                warm = sandbox.create(request.codeId(), request.functionId(), pool.source(request.codeId(), request.code()),
                        toolbelt.snapshot(), invocation);
            } else {
                invocation.attach(warm.context());
                warm.bind(invocation);
            }
            warm.start(invocation);
            reason = invocation.runUntilSettled();
        } catch (SandboxFactory.InvalidCodeException e) {
            reason = new Invocation.Stop(FailureCode.INVALID_CODE, e.getMessage());
        } catch (PolyglotException e) {
            reason = classify(e, invocation);
        } catch (RuntimeException e) {
            // IllegalStateException when the watchdog closed the context between two guest calls; anything
            // else is a fault of the executor, which must still answer with a result.
            reason = invocation.stopped() != null ? invocation.stopped() : internal(e, invocation);
        } catch (OutOfMemoryError e) {
            // The heap ran out (on this thread, maybe caused by another run): the context may be half-updated, so it
            // is discarded, and the worker lives on to answer.
            health.outOfMemory(invocation, e);
            reason = new Invocation.Stop(FailureCode.MEMORY_LIMIT, "the platform ran out of heap while the function ran");
        } finally {
            if (warm != null) {
                warm.allocated(watchdog.allocatedSinceStart(invocation));
            }
            watchdog.release(invocation);
            if (warm != null) {
                warm.unbind();
            }
            invocation.release();
        }
        recycle(warm, reason == null && invocation.stopped() == null);
        return invocation.result(reason);
    }

    private void recycle(WarmContext warm, boolean clean) {
        if (warm == null) {
            return;
        }
        if (clean && !stopped && recycling.mayKeep(warm)) {
            pool.giveBack(warm, System.nanoTime());
            return;
        }
        try {
            warm.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing the context of {} after its last run: {}", warm.codeId(), LogText.safe(e.toString()));
        }
    }

    private Invocation.Stop classify(PolyglotException e, Invocation invocation) {
        Invocation.Stop stop = invocation.stopped();
        if (stop != null) {
            return stop;
        }
        if (e.isSyntaxError()) {
            return new Invocation.Stop(FailureCode.INVALID_CODE, e.getMessage());
        }
        if (e.isResourceExhausted()) {
            return e.isCancelled()
                    ? new Invocation.Stop(FailureCode.STATEMENT_LIMIT, "the function ran more statements than allowed and was stopped")
                    : new Invocation.Stop(FailureCode.MEMORY_LIMIT, "the function exhausted a resource: " + e.getMessage());
        }
        if (e.isCancelled()) {
            return new Invocation.Stop(FailureCode.EXECUTOR_STOPPED, "the executor stopped while the function ran");
        }
        if (e.isGuestException()) {
            return new Invocation.Stop(isRuntimeError(e) ? FailureCode.RUNTIME_ERROR : FailureCode.FAILED, "uncaught error: " + e.getMessage());
        }
        return internal(e, invocation);
    }

    /**
     * A TypeError, ReferenceError or SyntaxError thrown by the engine or the function (LivePerson's runtime-exception),
     * told by the message GraalJS gives a guest error ("TypeError: ..."): the context may be closed already.
     */
    private static boolean isRuntimeError(PolyglotException e) {
        String message = e.getMessage();
        int colon = message == null ? -1 : message.indexOf(':');
        return colon > 0 && RUNTIME_ERRORS.contains(message.substring(0, colon));
    }

    /** Logs a fault of the executor; the exception's text may come from the function, so the log gets a safe copy. */
    private static Invocation.Stop internal(RuntimeException e, Invocation invocation) {
        LOG.error("Executor fault while running invocation {} of function {}", invocation.request().invocationId(),
                invocation.request().functionId(), LogText.safe(e));
        return new Invocation.Stop(FailureCode.INTERNAL, "the executor failed to run the function; see the platform log");
    }
}
