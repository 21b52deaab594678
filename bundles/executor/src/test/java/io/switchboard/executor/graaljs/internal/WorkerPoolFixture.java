package io.switchboard.executor.graaljs.internal;

import java.time.Clock;
import java.time.Duration;

/** A worker pool of two threads with what it reports to, and invocations of an empty function, for the pool's tests. */
final class WorkerPoolFixture {
    final Clock clock = Clock.systemUTC();
    final UnstoppableRuns unstoppable = new UnstoppableRuns(clock);
    final ExecutorHealth health = new ExecutorHealth(clock, unstoppable);
    final WorkerPool workers;
    private final ExecutorLimits limits = new ExecutorLimits(Duration.ofSeconds(60), 100, 65_536, 1_000, 10, 0, 0, 1_000);

    /** @param grace how long past a run's deadline its caller waits before the run counts as unstoppable */
    WorkerPoolFixture(Duration grace) {
        this.workers = new WorkerPool(2, grace, unstoppable, health);
    }

    Invocation invocation(Duration timeout) {
        return new Invocation(Functions.request("async function lambda() {}", timeout), limits, name -> null, clock, Runnable::run);
    }
}
