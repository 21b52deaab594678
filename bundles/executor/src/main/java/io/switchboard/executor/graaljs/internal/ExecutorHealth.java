package io.switchboard.executor.graaljs.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the executor reports to {@code GET /health} (check {@code executor}): runs that could not be stopped, worker
 * threads that died of an uncaught error, and runs that ended because the heap was exhausted. Each of these means the
 * platform lost capacity that only a restart gives back, so they stay reported until then.
 */
final class ExecutorHealth {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorHealth.class);

    private final Clock clock;
    private final UnstoppableRuns unstoppable;
    private final AtomicInteger deadWorkers = new AtomicInteger();
    private final AtomicReference<String> lastDeath = new AtomicReference<>();
    private final AtomicInteger outOfMemory = new AtomicInteger();
    private final AtomicReference<String> lastOutOfMemory = new AtomicReference<>();

    ExecutorHealth(Clock clock, UnstoppableRuns unstoppable) {
        this.clock = clock;
        this.unstoppable = unstoppable;
    }

    /** A worker thread ended with an uncaught error (the pool starts another for the next run). */
    void workerDied(Thread thread, Throwable failure) {
        // The reason first, then the count: a reader that sees the count also sees its reason.
        lastDeath.set(thread.getName() + " at " + Instant.now(clock) + ": " + LogText.safe(String.valueOf(failure), 300));
        deadWorkers.incrementAndGet();
        LOG.error("Executor worker thread {} died", thread.getName(), LogText.safe(failure));
    }

    /** A run ended because the JVM ran out of heap; the worker survived and its context was discarded. */
    void outOfMemory(Invocation invocation, OutOfMemoryError error) {
        outOfMemory.incrementAndGet();
        var request = invocation.request();
        lastOutOfMemory.set("function " + request.functionId() + " (account " + request.account() + ") at " + Instant.now(clock));
        LOG.error("The heap ran out while invocation {} of function {} (account {}) ran: {}", request.invocationId(),
                request.functionId(), request.account(), LogText.safe(error.toString()));
    }

    /** One line per problem; empty when the executor has all its capacity. */
    List<String> problems() {
        List<String> problems = new ArrayList<>(unstoppable.problems());
        if (deadWorkers.get() > 0) {
            problems.add(deadWorkers.get() + " executor worker thread(s) died of an uncaught error since start (last: "
                    + lastDeath.get() + "); see the log");
        }
        if (outOfMemory.get() > 0) {
            problems.add("the heap ran out " + outOfMemory.get() + " time(s) while functions ran (last: " + lastOutOfMemory.get()
                    + "); lower allocationBudgetMegabytes or contextAllocationBudgetMegabytes, or give the JVM more heap");
        }
        return problems;
    }
}
