package io.switchboard.executor.graaljs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** A run that goes on past lowerPriorityAfterMillis continues at the lowest priority; short runs never do. */
class LongRunPriorityTest {
    /** Busy for the milliseconds in its input, then answers (allocation budget off: the loop allocates in the interpreter). */
    private static final String BUSY = "async function lambda(input) { const end = Date.now() + input.payload.ms; "
            + "let n = 0; while (Date.now() < end) { n++; } return n > 0; }";

    @Test
    void aLongRunIsLoweredWhileItRunsAndItsWorkerIsBackToNormalForTheNextRun() throws Exception {
        try (ExecutorHarness harness = new ExecutorHarness(Map.of("lowerPriorityAfterMillis", 50L, "allocationBudgetMegabytes", 0L))) {
            GraalJsExecutor executor = harness.executor();
            CompletableFuture<ExecutionResult> longRun = executor.start(busy(3000), ForkJoinPool.commonPool());

            awaitTrue("a worker at the lowest priority while the long run runs", () -> workerAt(Thread.MIN_PRIORITY));
            assertThat(executor.lowPriorityRuns()).isEqualTo(1);
            assertThat(longRun.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.OK);
            awaitTrue("every worker back at normal priority", () -> !workerAt(Thread.MIN_PRIORITY));
            for (int i = 0; i < 20; i++) {
                assertThat(executor.execute(busy(0)).outcome()).isEqualTo(Outcome.OK);
            }
            assertThat(executor.lowPriorityRuns()).as("short runs keep their priority").isEqualTo(1);
        }
    }

    @Test
    void zeroNeverLowersARun() throws Exception {
        try (ExecutorHarness harness = new ExecutorHarness(Map.of("lowerPriorityAfterMillis", 0L, "allocationBudgetMegabytes", 0L))) {
            assertThat(harness.executor().execute(busy(300)).outcome()).isEqualTo(Outcome.OK);
            assertThat(harness.executor().lowPriorityRuns()).isZero();
        }
    }

    private static io.switchboard.core.api.execution.ExecutionRequest busy(int millis) {
        return Functions.request("busy", "busy@1", BUSY, "{\"payload\":{\"ms\":" + millis + "},\"headers\":[]}", Duration.ofSeconds(20));
    }

    private static boolean workerAt(int priority) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith(WorkerPool.THREAD_PREFIX) && t.isAlive() && t.getPriority() == priority);
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }
}
