package io.switchboard.core.internal.dispatch;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.switchboard.core.api.execution.FunctionExecutor;

/**
 * The function executor SCR bound, and a bounded wait for one while none is: a pool-setting change restarts the
 * executor alone (about half a second without one), and a run that asks in that window waits for the new one instead
 * of being refused. The window counts from the moment the executor went away (or from start, before the first one
 * came), so with no executor installed at all, runs are refused at once once it has passed, not each after a wait.
 */
final class ExecutorBinding {

    private final Object lock = new Object();
    private final LongSupplier nanoTime;
    private volatile FunctionExecutor executor;
    /** When the executor went away, from {@link #nanoTime}; guarded by {@link #lock}. */
    private long absentSince;
    private volatile long waitNanos;
    /** Runs waiting for an executor now; guarded by {@link #lock}. */
    private int waiting;

    ExecutorBinding(long waitMillis, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.absentSince = nanoTime.getAsLong();
        waitAtMost(waitMillis);
    }

    /** How long after the executor went away a run still waits for the next one; applies to the next run. */
    void waitAtMost(long millis) {
        waitNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
    }

    /** The executor bound now, or null; never waits. */
    FunctionExecutor current() {
        return executor;
    }

    /**
     * The executor bound now, else the one bound before the window after the last one went away ends; null when none
     * came (or the thread was interrupted, its flag kept).
     */
    FunctionExecutor await() {
        FunctionExecutor bound = executor;
        if (bound != null || waitNanos == 0) {
            return bound;
        }
        synchronized (lock) {
            long deadline = absentSince + waitNanos;
            waiting++;
            try {
                while ((bound = executor) == null) {
                    long left = deadline - nanoTime.getAsLong();
                    if (left <= 0) {
                        return null;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(lock, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                }
                return bound;
            } finally {
                waiting--;
            }
        }
    }

    /** Runs waiting for an executor now. */
    int waiting() {
        synchronized (lock) {
            return waiting;
        }
    }

    /** Binds an executor (replacing the one before) and wakes the runs waiting for one. */
    void bind(FunctionExecutor bound) {
        synchronized (lock) {
            executor = bound;
            lock.notifyAll();
        }
    }

    /** Unbinds the executor if it is still the one bound (SCR binds a replacement before it unbinds the one replaced). */
    void unbind(FunctionExecutor unbound) {
        synchronized (lock) {
            if (executor == unbound && unbound != null) {
                executor = null;
                absentSince = nanoTime.getAsLong();
            }
        }
    }
}
