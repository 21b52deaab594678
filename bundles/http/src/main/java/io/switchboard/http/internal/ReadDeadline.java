package io.switchboard.http.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Ends a blocking body read that outlives its deadline by interrupting the reading thread: a body that stalls sends
 * no byte that would let the reader check the time itself, and the container's idle timeout is longer (and not ours
 * to shorten for every connection). Jetty's blocking read answers the interrupt with an {@code IOException}.
 */
final class ReadDeadline implements Runnable {

    private final Thread reader;
    /** Orders the interrupt against {@link #finish()}, so no interrupt outlives the read on a container thread. */
    private final ReentrantLock lock = new ReentrantLock();
    private boolean finished;
    private boolean expired;
    private ScheduledFuture<?> timer;

    private ReadDeadline(Thread reader) {
        this.reader = reader;
    }

    /** Watches the calling thread's read for the given time. */
    static ReadDeadline start(ScheduledExecutorService timers, long millis) {
        ReadDeadline deadline = new ReadDeadline(Thread.currentThread());
        deadline.timer = timers.schedule(deadline, millis, TimeUnit.MILLISECONDS);
        return deadline;
    }

    @Override
    public void run() {
        lock.lock();
        try {
            if (!finished) {
                expired = true;
                reader.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the watch; called by the reading thread when its read ended, however it ended.
     *
     * @return whether the deadline passed first (the interrupt it caused is cleared)
     */
    boolean finish() {
        timer.cancel(false);
        lock.lock();
        try {
            finished = true;
            if (expired) {
                Thread.interrupted();
            }
            return expired;
        } finally {
            lock.unlock();
        }
    }
}
