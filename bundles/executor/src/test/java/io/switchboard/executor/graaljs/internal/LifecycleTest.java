package io.switchboard.executor.graaljs.internal;

import static io.switchboard.executor.graaljs.internal.Functions.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a bundle update does to the component: deactivate, then a new activation. */
class LifecycleTest {

    @Test
    void tenActivationCyclesLeaveNoExecutorThreadsBehind() throws InterruptedException {
        for (int cycle = 0; cycle < 10; cycle++) {
            GraalJsExecutor executor = new GraalJsExecutor(TestConfigs.of(GraalJsExecutor.Config.class, Map.of()));
            assertThat(executor.execute(request("async function lambda() { return 1; }")).outcome()).isEqualTo(Outcome.OK);
            assertThat(executor.workerThreads()).as("runs on a worker thread of its own").isPositive();
            executor.deactivate();
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (executorThreads() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertThat(executorThreads()).as("executor threads left: %s", Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("switchboard-executor") || name.startsWith("switchboard-js-")).toList()).isZero();
    }

    @Test
    void deactivationEndsARunningFunctionAndRejectsLaterCalls() throws Exception {
        GraalJsExecutor executor = new GraalJsExecutor(TestConfigs.of(GraalJsExecutor.Config.class, Map.of()));
        CompletableFuture<ExecutionResult> running = CompletableFuture.supplyAsync(
                () -> executor.execute(request("async function lambda() { for (;;) {} }", Duration.ofSeconds(30))));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (executor.runningInvocations() == 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }

        executor.deactivate();

        ExecutionResult stopped = running.get(10, TimeUnit.SECONDS);
        assertThat(stopped.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(stopped.error().errorCode()).isEqualTo("com.switchboard.executor.stopped");
        ExecutionResult later = executor.execute(request("async function lambda() { return 1; }"));
        assertThat(later.outcome()).isEqualTo(Outcome.REJECTED);
    }

    private static long executorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("switchboard-executor") || thread.getName().startsWith("switchboard-js-"))
                .count();
    }
}
