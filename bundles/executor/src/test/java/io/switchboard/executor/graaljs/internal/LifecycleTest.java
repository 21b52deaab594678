package io.switchboard.executor.graaljs.internal;

import static io.switchboard.executor.graaljs.internal.Functions.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.executor.toolbelt.ToolbeltCall;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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

    /**
     * The engine is closed only once no thread runs in it: Engine.close(true) holds the engine's lock while it waits for
     * the threads in its contexts, and a thread that meanwhile needs that lock (to create a language context) never
     * leaves. A CI build hung that way, on the warm-up run of {@link #deactivationEndsARunningFunctionAndRejectsLaterCalls}.
     * Here the run is held in a host call until the deactivation waits, and then tells whether the engine was closing.
     */
    @Test
    void theEngineIsClosedOnlyAfterTheRunsHaveLeftIt() throws Exception {
        GraalJsExecutor executor = new GraalJsExecutor(TestConfigs.of(GraalJsExecutor.Config.class, Map.of()));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Boolean> closingWhileInside = new AtomicReference<>();
        executor.bindToolbeltModule(new ToolbeltModule() {
            @Override
            public String facadeScript() {
                return "(call) => function Gate() { return { pass: () => call('pass') }; }";
            }

            @Override
            public CompletionStage<String> call(ToolbeltCall call) {
                entered.countDown();
                awaitUninterruptibly(release);
                closingWhileInside.set(executor.engineClosing());
                return CompletableFuture.completedFuture("1");
            }
        }, Map.of(ToolbeltModule.NAME_PROPERTY, "Gate"));
        CompletableFuture<ExecutionResult> running = CompletableFuture.supplyAsync(() -> executor.execute(request(
                "async function lambda() { await require('lp-faas-toolbelt').Gate().pass(); for (;;) {} }", Duration.ofSeconds(30))));
        assertThat(entered.await(30, TimeUnit.SECONDS)).as("the run reached the host call").isTrue();

        Thread deactivating = new Thread(executor::deactivate, "deactivating");
        deactivating.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (deactivating.getState() != Thread.State.WAITING && deactivating.getState() != Thread.State.TIMED_WAITING
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        release.countDown();

        ExecutionResult stopped = running.get(30, TimeUnit.SECONDS);
        deactivating.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(deactivating.isAlive()).as("deactivation ended").isFalse();
        assertThat(closingWhileInside.get()).as("engine closing while a run was inside it").isFalse();
        assertThat(executor.engineClosing()).isTrue();
        assertThat(stopped.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(stopped.error().errorCode()).isEqualTo("com.switchboard.executor.stopped");
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    latch.await();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long executorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("switchboard-executor") || thread.getName().startsWith("switchboard-js-"))
                .count();
    }
}
