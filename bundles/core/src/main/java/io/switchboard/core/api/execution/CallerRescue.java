package io.switchboard.core.api.execution;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A caller that can be answered from another thread. A servlet registers one on its own thread while it handles the
 * event there ({@link #call}); an executor that finds one ({@link #current}) may run the
 * function on that thread instead of handing it to a thread of its own and waiting: if the run then cannot be stopped,
 * the executor {@linkplain #rescue rescues} the caller from its timer, with the "could not be stopped" result, and only
 * the caller's thread is lost, never its answer.
 * <p>
 * Exactly one answer goes out: the caller's thread {@linkplain #claim claims} it when it is done, the rescue claims it
 * first; whoever loses does not answer (a caller's thread that lost waits for the rescue's answer to be written before
 * it ends the request: {@link #awaitRescue}). The core adds what it must do for a rescued run ({@link #beforeAnswer}:
 * record it), and then does nothing more for the run when the thread comes back ({@link #rescued}).
 *
 * @since 1.5
 */
public final class CallerRescue {

    private static final ThreadLocal<CallerRescue> CURRENT = new ThreadLocal<>();

    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CountDownLatch answered = new CountDownLatch(1);
    private final List<Consumer<ExecutionResult>> before = new CopyOnWriteArrayList<>();
    private final Consumer<ExecutionResult> answer;
    private volatile boolean rescued;

    /** @param answer answers the caller with the result of a run that could not be stopped (on the rescuing thread) */
    public CallerRescue(Consumer<ExecutionResult> answer) {
        this.answer = answer;
    }

    /** The rescue registered on this thread, or null. */
    public static CallerRescue current() {
        return CURRENT.get();
    }

    /** Runs {@code work} on this thread with this rescue registered, and restores what was registered before. */
    public <T> T call(Supplier<T> work) {
        CallerRescue outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** Claims the answer for the caller's own thread: false when the rescue came first (then it must not answer). */
    public boolean claim() {
        return claimed.compareAndSet(false, true);
    }

    /** Adds what runs on the rescuing thread before the caller is answered (in the order added). */
    public void beforeAnswer(Consumer<ExecutionResult> step) {
        before.add(step);
    }

    /**
     * Answers the caller with {@code abandoned}, the result of a run that could not be stopped, unless the caller's
     * thread has claimed the answer; returns whether it did. A step added by {@link #beforeAnswer} that fails does not
     * keep the caller from its answer.
     */
    public boolean rescue(ExecutionResult abandoned) {
        if (!claim()) {
            return false;
        }
        rescued = true;
        try {
            for (Consumer<ExecutionResult> step : before) {
                try {
                    step.accept(abandoned);
                } catch (RuntimeException e) {
                    // the answer matters more; the step logs its own failures
                }
            }
        } finally {
            try {
                answer.accept(abandoned);
            } finally {
                answered.countDown();
            }
        }
        return true;
    }

    /**
     * For the caller's thread that lost its claim: waits until the rescue has answered (the caller's thread must not
     * end the request while the answer is being written), at most {@code max}; returns whether it has.
     */
    public boolean awaitRescue(Duration max) {
        try {
            return answered.await(max.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the caller was rescued: its thread's run was given up and answered elsewhere. */
    public boolean rescued() {
        return rescued;
    }
}
