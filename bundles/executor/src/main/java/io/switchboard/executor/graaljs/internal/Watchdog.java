package io.switchboard.executor.graaljs.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Stops runs that pass their deadline or their allocation budget. Its {@link #check} runs every few milliseconds on
 * the executor's housekeeping thread and never blocks: {@link Invocation#stop} hands the cancellation to a canceller
 * thread, so a run that cannot be cancelled does not keep the watchdog from stopping every other run. It also lowers
 * the priority of runs that have run longer than {@code demoteAfterNanos}: most runs take a millisecond or less, and a
 * long one (a busy loop, a burst of work) then yields the cores to them, to the threads that take events in, and to
 * the JIT (docs/benchmarks.md, "Round 6: long runs yield"). The operating system applies Java priorities only under
 * {@code -XX:ThreadPriorityPolicy=1} (which {@code bin/switchboard} sets when it runs as root); elsewhere it is a no-op.
 */
final class Watchdog {
    private final Set<Invocation> running = ConcurrentHashMap.newKeySet();
    private final AllocationMeter meter;
    private volatile long allocationBudgetBytes;
    private volatile long demoteAfterNanos;
    private final LongAdder demotions = new LongAdder();

    Watchdog(AllocationMeter meter, long allocationBudgetBytes) {
        this.meter = meter;
        this.allocationBudgetBytes = allocationBudgetBytes;
    }

    /** Changes the budget of every run, those under way included (the executor's configuration applies live). */
    void allocationBudgetBytes(long bytes) {
        this.allocationBudgetBytes = bytes;
    }

    /** Changes after how long a run's thread gets a low priority (0: never); applies to the runs under way too. */
    void demoteAfterNanos(long nanos) {
        this.demoteAfterNanos = nanos;
    }

    /** Runs demoted since the executor started; for tests and health. */
    long demotions() {
        return demotions.sum();
    }

    /** Starts watching a run; called on the thread that runs it. */
    void watch(Invocation invocation) {
        invocation.allocatedAtStart(meter.supported() ? meter.allocatedBytes(invocation.thread().getId()) : -1);
        running.add(invocation);
    }

    void release(Invocation invocation) {
        invocation.released();
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
            long demoteAfter = demoteAfterNanos;
            if (demoteAfter > 0 && invocation.stopped() == null && now - invocation.startNanos() >= demoteAfter && invocation.demote()) {
                demotions.increment();
            }
        }
    }

    /** Stops every run under way (the executor is stopping); their contexts are cancelled on the canceller threads. */
    void stopAll(Invocation.Stop reason) {
        for (Invocation invocation : running) {
            invocation.stop(reason);
        }
    }

    int running() {
        return running.size();
    }
}
