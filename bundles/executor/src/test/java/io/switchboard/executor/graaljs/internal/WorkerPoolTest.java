package io.switchboard.executor.graaljs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker threads answer their callers whatever happens to a run, and report what they cannot survive. */
class WorkerPoolTest {
    private final WorkerPoolFixture fixture = new WorkerPoolFixture(Duration.ofSeconds(5));
    private final UnstoppableRuns unstoppable = fixture.unstoppable;
    private final ExecutorHealth health = fixture.health;
    private final WorkerPool workers = fixture.workers;

    @AfterEach
    void stop() {
        workers.shutdown();
    }

    private Invocation invocation() {
        return fixture.invocation(Duration.ofSeconds(30));
    }

    @Test
    void anErrorThatEscapesARunIsAnsweredAtOnceAndReportedAsADeadWorker() throws InterruptedException {
        long started = System.nanoTime();
        ExecutionResult result = workers.run(invocation(), run -> {
            throw new AssertionError("broken\nforged line");
        });

        assertThat(result.error().errorCode()).isEqualTo("com.switchboard.executor.internal-error");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not at the deadline").isLessThan(Duration.ofSeconds(10));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (health.problems().isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(health.problems()).singleElement().asString().contains("1 executor worker thread(s) died")
                .contains("broken\\nforged line").doesNotContain("\n");
        assertThat(unstoppable.count()).isZero();
    }

    @Test
    void anOutOfMemoryErrorEndsTheRunNotTheWorkerAndIsReported() {
        ExecutionResult result = workers.run(invocation(), run -> {
            throw new OutOfMemoryError("Java heap space");
        });
        ExecutionResult next = workers.run(invocation(), run -> new ExecutionResult(Outcome.OK, "1", null, List.of(), Duration.ZERO));

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.error().errorCode()).isEqualTo("com.switchboard.function.memory-limit");
        assertThat(next.cpuTime()).as("measured on the worker").isNotNull();
        assertThat(health.problems()).singleElement().asString().contains("the heap ran out 1 time(s)");
    }
}
