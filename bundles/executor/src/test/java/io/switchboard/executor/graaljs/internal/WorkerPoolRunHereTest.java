package io.switchboard.executor.graaljs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.CallerRescue;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A run on its caller's own thread: no hand-over, and a caller still answered when the run cannot be stopped. */
class WorkerPoolRunHereTest {
    private final WorkerPoolFixture fixture = new WorkerPoolFixture(Duration.ofMillis(50));
    private final WorkerPool workers = fixture.workers;
    private final UnstoppableRuns unstoppable = fixture.unstoppable;
    private final AtomicReference<ExecutionResult> rescuedWith = new AtomicReference<>();
    private final CallerRescue rescue = new CallerRescue(rescuedWith::set);

    @AfterEach
    void stop() {
        workers.shutdown();
    }

    private Invocation invocation(Duration timeout) {
        return fixture.invocation(timeout);
    }

    private static ExecutionResult ok(String json) {
        return new ExecutionResult(Outcome.OK, json, null, List.of(), Duration.ZERO);
    }

    @Test
    void theRunIsOnTheCallersThreadWhichGetsItsPriorityBackAndNoInterrupt() {
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        AtomicReference<Boolean> nested = new AtomicReference<>();

        ExecutionResult result = workers.runHere(invocation(Duration.ofSeconds(30)), run -> {
            ranOn.set(Thread.currentThread());
            nested.set(WorkerPool.runningHere());
            // as the watchdog does to a long run, and as a cancellation may do
            Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
            Thread.currentThread().interrupt();
            return ok("1");
        }, rescue);

        assertThat(result.resultJson()).isEqualTo("1");
        assertThat(result.cpuTime()).as("measured on this thread").isNotNull();
        assertThat(ranOn.get()).isSameAs(caller);
        assertThat(nested.get()).as("a run started from inside it goes to a worker").isTrue();
        assertThat(WorkerPool.runningHere()).isFalse();
        assertThat(caller.getPriority()).isEqualTo(Thread.NORM_PRIORITY);
        assertThat(Thread.interrupted()).isFalse();
        assertThat(workers.callersThreadRuns()).isZero();
        assertThat(rescuedWith.get()).isNull();
        assertThat(rescue.claim()).as("the caller's own thread answers").isTrue();
    }

    @Test
    void aRunThatCannotBeStoppedIsGivenUpAndItsCallerAnsweredFromElsewhere() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Invocation invocation = invocation(Duration.ofMillis(50));
        CompletableFuture<ExecutionResult> late = CompletableFuture.supplyAsync(() -> workers.runHere(invocation, run -> {
            // ignores being stopped, as guest code stuck in a host call would
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ok("\"late\"");
        }, rescue));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (rescuedWith.get() == null && System.nanoTime() < deadline) {
            workers.rescueOverdue(false);
            TimeUnit.MILLISECONDS.sleep(5);
        }

        assertThat(rescuedWith.get()).as("the caller was answered").isNotNull();
        assertThat(rescuedWith.get().outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(rescuedWith.get().error().errorCode()).isEqualTo(ExecutionResult.UNSTOPPABLE);
        assertThat(unstoppable.count()).isEqualTo(1);
        assertThat(late).isNotDone();
        assertThat(rescue.claim()).as("the caller's thread, when it comes back, answers nothing").isFalse();

        release.countDown();
        assertThat(late.get(20, TimeUnit.SECONDS).resultJson()).isEqualTo("\"late\"");
        assertThat(unstoppable.count()).as("the thread came back").isZero();
        assertThat(workers.callersThreadRuns()).isZero();
    }

    @Test
    void aRunThatEndsInTimeIsNeverRescued() {
        ExecutionResult result = workers.runHere(invocation(Duration.ofMillis(1)), run -> ok("2"), rescue);
        workers.rescueOverdue(true);

        assertThat(result.resultJson()).isEqualTo("2");
        assertThat(rescuedWith.get()).isNull();
        assertThat(unstoppable.count()).isZero();
    }

    @Test
    void stoppingThePoolAnswersTheCallersOfRunsStillRunningAndRefusesNewOnes() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<ExecutionResult> late = CompletableFuture.supplyAsync(() -> workers.runHere(invocation(Duration.ofSeconds(30)),
                run -> {
                    running.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return ok("3");
                }, rescue));
        assertThat(running.await(20, TimeUnit.SECONDS)).isTrue();
        workers.rescueOverdue(false);
        assertThat(rescuedWith.get()).as("not before its deadline plus the grace").isNull();

        workers.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (rescuedWith.get() == null && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }

        assertThat(rescuedWith.get()).as("answered when the executor stopped").isNotNull();
        assertThat(rescuedWith.get().error().errorCode()).isEqualTo(ExecutionResult.UNSTOPPABLE);
        ExecutionResult refused = workers.runHere(invocation(Duration.ofSeconds(30)), run -> ok("4"), new CallerRescue(r -> { }));
        assertThat(refused.error().errorCode()).isEqualTo("com.switchboard.executor.stopped");
        release.countDown();
        late.get(20, TimeUnit.SECONDS);
    }
}
