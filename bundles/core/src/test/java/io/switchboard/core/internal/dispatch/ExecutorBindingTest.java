package io.switchboard.core.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.switchboard.core.api.execution.FunctionExecutor;
import io.switchboard.core.internal.testing.Await;
import io.switchboard.core.internal.testing.ScriptedExecutor;

class ExecutorBindingTest {

    private final FunctionExecutor first = ScriptedExecutor.echo();
    private final FunctionExecutor second = ScriptedExecutor.echo();

    @Test
    void aBoundExecutorIsAnsweredAtOnce() {
        ExecutorBinding binding = new ExecutorBinding(60_000, System::nanoTime);
        binding.bind(first);

        assertThat(binding.await()).isSameAs(first);
        assertThat(binding.current()).isSameAs(first);
    }

    @Test
    void aRunWaitsForTheExecutorThatReplacesTheOneGone() throws Exception {
        ExecutorBinding binding = new ExecutorBinding(60_000, System::nanoTime);
        binding.bind(first);
        binding.unbind(first);

        CompletableFuture<FunctionExecutor> asked = CompletableFuture.supplyAsync(binding::await);
        Await.until("the run waits for an executor", () -> binding.waiting() == 1);
        assertThat(asked).isNotDone();
        binding.bind(second);

        assertThat(asked.get(20, TimeUnit.SECONDS)).isSameAs(second);
        assertThat(binding.waiting()).isZero();
    }

    @Test
    void aReplacementBoundBeforeTheOldOneIsUnboundStaysBound() {
        ExecutorBinding binding = new ExecutorBinding(0, System::nanoTime);
        binding.bind(first);
        binding.bind(second);
        binding.unbind(first);

        assertThat(binding.await()).isSameAs(second);
    }

    @Test
    void theWaitEndsWithTheWindowAfterTheExecutorWentAway() {
        ExecutorBinding binding = new ExecutorBinding(150, System::nanoTime);
        binding.bind(first);
        binding.unbind(first);

        long started = System.nanoTime();
        assertThat(binding.await()).isNull();
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void onceTheWindowHasPassedRunsAreRefusedWithoutWaiting() {
        AtomicLong now = new AtomicLong(1_000);
        // The window would outlast the test by far: only the clock having moved past it lets the run go at once.
        ExecutorBinding binding = new ExecutorBinding(60_000, now::get);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(60_001));

        assertThat(binding.await()).isNull();
        assertThat(binding.waiting()).isZero();
    }

    @Test
    void noWindowRefusesAtOnceAndAChangedWindowAppliesToTheNextRun() {
        AtomicLong now = new AtomicLong(0);
        ExecutorBinding binding = new ExecutorBinding(0, now::get);
        assertThat(binding.await()).isNull();

        binding.waitAtMost(60_000);
        now.addAndGet(TimeUnit.SECONDS.toNanos(61));
        assertThat(binding.await()).isNull();
    }

    @Test
    void anInterruptedRunStopsWaitingAndKeepsItsFlag() throws Exception {
        ExecutorBinding binding = new ExecutorBinding(60_000, System::nanoTime);
        CompletableFuture<Boolean> keptFlag = new CompletableFuture<>();
        Thread asking = new Thread(() -> keptFlag.complete(binding.await() == null && Thread.currentThread().isInterrupted()));
        asking.start();
        Await.until("the run waits for an executor", () -> binding.waiting() == 1);
        asking.interrupt();

        assertThat(keptFlag.get(20, TimeUnit.SECONDS)).isTrue();
    }
}
