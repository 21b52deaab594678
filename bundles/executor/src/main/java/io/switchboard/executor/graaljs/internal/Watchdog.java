package io.switchboard.executor.graaljs.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops runs that pass their deadline or their allocation budget. Its {@link #check} runs every few milliseconds on
 * the executor's housekeeping thread and never blocks: {@link Invocation#stop} hands the cancellation to a canceller
 * thread, so a run that cannot be cancelled does not keep the watchdog from stopping every other run.
 */
final class Watchdog {
    private final Set<Invocation> running = ConcurrentHashMap.newKeySet();
    private final AllocationMeter meter;
    private volatile long allocationBudgetBytes;

    Watchdog(AllocationMeter meter, long allocationBudgetBytes) {
        this.meter = meter;
        this.allocationBudgetBytes = allocationBudgetBytes;
    }

    /** Changes the budget of every run, those under way included (the executor's configuration applies live). */
    void allocationBudgetBytes(long bytes) {
        this.allocationBudgetBytes = bytes;
    }

    /** Starts watching a run; called on the thread that runs it. */
    void watch(Invocation invocation) {
        invocation.allocatedAtStart(meter.supported() ? meter.allocatedBytes(invocation.thread().getId()) : -1);
        running.add(invocation);
    }

    void release(Invocation invocation) {
        running.remove(invocation);
    }

    /** Bytes the run's thread allocated since {@link #watch}, or -1 when this JVM cannot tell. */
    long allocatedSinceStart(Invocation invocation) {
        if (!meter.supported() || invocation.allocatedAtStart() < 0) {
            return -1;
        }
        return meter.allocatedBytes(invocation.thread().getId()) - invocation.allocatedAtStart();
    }

    void check() {
        long now = System.nanoTime();
        for (Invocation invocation : running) {
            if (invocation.stopped() != null) {
                continue;
            }
            if (now - invocation.deadlineNanos() >= 0) {
                invocation.stop(invocation.timedOut());
            } else if (allocationBudgetBytes > 0 && meter.supported()) {
                long allocated = allocatedSinceStart(invocation);
                if (allocated > allocationBudgetBytes) {
                    invocation.stop(new Invocation.Stop(FailureCode.MEMORY_LIMIT, "the function allocated more than "
                            + allocationBudgetBytes / (1024 * 1024) + " MiB and was stopped"));
                }
            }
        }
    }

    int running() {
        return running.size();
    }
}
