package io.switchboard.executor.graaljs.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops runs that pass their deadline or their allocation budget by closing their context. Its
 * {@link #check} runs every few milliseconds on the executor's housekeeping thread.
 */
final class Watchdog {
    private final Set<Invocation> running = ConcurrentHashMap.newKeySet();
    private final AllocationMeter meter;
    private final long allocationBudgetBytes;

    Watchdog(AllocationMeter meter, long allocationBudgetBytes) {
        this.meter = meter;
        this.allocationBudgetBytes = meter.supported() ? allocationBudgetBytes : 0;
    }

    void watch(Invocation invocation) {
        if (allocationBudgetBytes > 0) {
            invocation.allocatedAtStart(meter.allocatedBytes(invocation.thread().getId()));
        }
        running.add(invocation);
    }

    void release(Invocation invocation) {
        running.remove(invocation);
    }

    void check() {
        long now = System.nanoTime();
        for (Invocation invocation : running) {
            if (now - invocation.deadlineNanos() >= 0) {
                invocation.stop(invocation.timedOut());
            } else if (allocationBudgetBytes > 0) {
                long allocated = meter.allocatedBytes(invocation.thread().getId()) - invocation.allocatedAtStart();
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
