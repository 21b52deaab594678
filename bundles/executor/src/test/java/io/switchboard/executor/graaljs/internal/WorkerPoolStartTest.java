package io.switchboard.executor.graaljs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An asynchronous start answers as the waiting {@link WorkerPool#run} does: the result, or at the deadline plus the grace a
 * run that could not be stopped, or a refusal when every worker is busy; the caller's thread never waits.
 */
class WorkerPoolStartTest {
    private static final Duration GRACE = Duration.ofMillis(300);
    private final Clock clock = Clock.systemUTC();
    private final UnstoppableRuns unstoppable = new UnstoppableRuns(clock);
    private final ExecutorHealth health = new ExecutorHealth(clock, unstoppable);
    private final WorkerPool workers = new WorkerPool(2, GRACE, unstoppable, health);
    private final ExecutorLimits limits = new ExecutorLimits(Duration.ofSeconds(60), 100, 65_536, 1_000, 10, 0, 0, 1_000);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        workers.shutdown();
    }

    private Invocation invocation(Duration timeout) {
        return new Invocation(Functions.request("async function lambda() {}", timeout), limits, name -> null, clock, Runnable::run);
    }

    private static ExecutionResult ok() {
        return new ExecutionResult(Outcome.OK, "1", null, List.of(), Duration.ZERO);
    }

    /** A run that ignores being stopped until the test releases it. */
    private Function<Invocation, ExecutionResult> stuck() {
        return run -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ok();
        };
    }

    @Test
    void startReturnsBeforeTheRunEndsAndCompletesWithItsResultAndTheWorkersCpuTime() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<ExecutionResult> started = workers.start(invocation(Duration.ofSeconds(10)), run -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ok();
        });

        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(started).as("the run goes on").isNotDone();
        release.countDown();
        ExecutionResult result = started.get(10, TimeUnit.SECONDS);
        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.cpuTime()).as("measured on the worker").isNotNull();
    }

    @Test
    void aRunThatCannotBeStoppedIsAnsweredAtItsDeadlinePlusTheGraceAndCountedUntilItEnds() throws Exception {
        long startedAt = System.nanoTime();
        Invocation invocation = invocation(Duration.ofMillis(200));
        CompletableFuture<ExecutionResult> started = workers.start(invocation, stuck());

        ExecutionResult result = started.get(10, TimeUnit.SECONDS);
        Duration answeredAfter = Duration.ofNanos(System.nanoTime() - startedAt);
        assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(result.error().errorCode()).isEqualTo(ExecutionResult.UNSTOPPABLE);
        assertThat(answeredAfter).as("not before deadline 200 ms + grace 300 ms").isGreaterThanOrEqualTo(Duration.ofMillis(500))
                .as("nor long after").isLessThan(Duration.ofSeconds(5));
        assertThat(invocation.stopped()).as("asked to stop").isNotNull();
        assertThat(unstoppable.count()).isEqualTo(1);

        release.countDown();
        awaitUntil(() -> unstoppable.count() == 0);
    }

    @Test
    void aRunThatEndsWithinTheGraceIsAnsweredWithItsOwnResult() throws Exception {
        CompletableFuture<ExecutionResult> started = workers.start(invocation(Duration.ofMillis(50)), run -> {
            // Ends once the deadline passed, well within the grace: stands for a run the watchdog stopped a little late.
            while (System.nanoTime() - run.deadlineNanos() < 0) {
                Thread.onSpinWait();
            }
            return ok();
        });

        ExecutionResult result = started.get(10, TimeUnit.SECONDS);
        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(unstoppable.count()).isZero();
    }

    @Test
    void aStartWhileEveryWorkerIsBusyIsRefusedAtOnce() throws Exception {
        workers.start(invocation(Duration.ofSeconds(20)), stuck());
        workers.start(invocation(Duration.ofSeconds(20)), stuck());

        CompletableFuture<ExecutionResult> third = workers.start(invocation(Duration.ofSeconds(20)), run -> ok());

        assertThat(third).isDone();
        assertThat(third.get().outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(third.get().error().errorCode()).isEqualTo("com.switchboard.executor.busy");
    }

    @Test
    void cancellingAStartedRunStopsIt() throws Exception {
        Invocation invocation = invocation(Duration.ofSeconds(20));
        CompletableFuture<ExecutionResult> started = workers.start(invocation, stuck());

        started.cancel(false);

        assertThat(invocation.stopped()).isNotNull();
        assertThat(invocation.stopped().code()).isEqualTo(FailureCode.EXECUTOR_STOPPED);
    }

    @Test
    void anInterruptedCallerStillStartsItsRunsBecauseItDoesNotWaitForThem() throws Exception {
        Thread.currentThread().interrupt();
        CompletableFuture<ExecutionResult> started;
        try {
            started = workers.start(invocation(Duration.ofSeconds(10)), run -> ok());
        } finally {
            assertThat(Thread.interrupted()).as("the flag is left as it was").isTrue();
        }

        assertThat(started.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.OK);
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @Test
    void aStartedRunIsStillAnsweredAtItsDeadlineWhenThePoolStopsMeanwhile() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<ExecutionResult> started = workers.start(invocation(Duration.ofMillis(200)), run -> {
            running.countDown();
            // Deaf to interrupts, as guest code stuck in a host call may be: only the test's release ends it.
            while (true) {
                try {
                    if (release.await(30, TimeUnit.SECONDS)) {
                        return ok();
                    }
                } catch (InterruptedException ignored) {
                    // keeps waiting
                }
            }
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        workers.shutdown();

        ExecutionResult result = started.get(10, TimeUnit.SECONDS);
        assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(result.error().errorCode()).as("reported as a run that could not be stopped, so its caller settles it")
                .isEqualTo(ExecutionResult.UNSTOPPABLE);
    }
}
