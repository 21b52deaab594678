package io.switchboard.executor.graaljs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.CallerRescue;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A run GraalJS cannot cancel takes one worker thread, not the watchdog (issue 14, item 2). Runs in a JVM of its own
 * (see the pom): the stuck thread keeps a core busy until the JVM ends.
 */
class UnstoppableRunTest {
    /** Every cancellation Truffle throws into this recursion is lost in a stack overflow the catch turns into a RangeError. */
    static final String OVERFLOW_IN_CATCH = "function f() { try { return f(); } catch (e) { return f(); } } "
            + "async function lambda() { return f(); }";
    private static ExecutorHarness harness;

    @BeforeAll
    static void start() {
        harness = new ExecutorHarness(Map.of("stopGraceMillis", 1_000L));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void aRunThatCannotBeStoppedIsAnsweredReportedAndRefusedWhileOtherRunsStillStopAtTheirDeadline() throws InterruptedException {
        long started = System.nanoTime();
        ExecutionResult stuck = harness.executor().execute(Functions.request("stuck", "stuck@1", OVERFLOW_IN_CATCH, "{\"payload\":{}}",
                Duration.ofSeconds(2)));
        Duration answeredAfter = Duration.ofNanos(System.nanoTime() - started);

        assertThat(stuck.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(stuck.error().errorCode()).isEqualTo(ExecutionResult.UNSTOPPABLE);
        assertThat(answeredAfter).as("deadline 2 s + grace 1 s, answered although the run goes on").isLessThan(Duration.ofSeconds(5));
        assertThat(stuck.cpuTime()).isNotNull();
        assertThat(harness.executor().get()).singleElement().asString().contains("function stuck", "could not be stopped");

        long loopStarted = System.nanoTime();
        ExecutionResult loop = harness.executor().execute(Functions.request("other", "other@1", "async function lambda() { for (;;) {} }",
                "{\"payload\":{}}", Duration.ofSeconds(1)));
        assertThat(loop.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(loop.error().errorCode()).isEqualTo("com.switchboard.function.timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - loopStarted)).as("another tenant's loop stops at its deadline")
                .isLessThan(Duration.ofSeconds(2));

        ExecutionResult again = harness.executor().execute(Functions.request("stuck", "stuck@1", OVERFLOW_IN_CATCH, "{\"payload\":{}}",
                Duration.ofSeconds(2)));
        assertThat(again.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(again.error().errorCode()).isEqualTo(ExecutionResult.UNSTOPPABLE);
        assertThat(again.duration()).isLessThan(Duration.ofSeconds(1));

        // On a caller's own thread (a webhook's request, which can be answered from elsewhere): the thread stays with the
        // run, and its caller is answered by the executor's sweep, as late as a worker's caller would be.
        AtomicReference<ExecutionResult> rescued = new AtomicReference<>();
        CountDownLatch answered = new CountDownLatch(1);
        CallerRescue rescue = new CallerRescue(result -> {
            rescued.set(result);
            answered.countDown();
        });
        Thread caller = new Thread(() -> rescue.call(() -> harness.executor().execute(Functions.request("stuck-here", "stuck-here@1",
                OVERFLOW_IN_CATCH, "{\"payload\":{}}", Duration.ofSeconds(2)))), "a-webhook-request");
        caller.setDaemon(true);
        long hereStarted = System.nanoTime();
        caller.start();
        assertThat(answered.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - hereStarted)).as("deadline 2 s + grace 1 s + the sweep")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(rescued.get().outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(rescued.get().error().errorCode()).isEqualTo(ExecutionResult.UNSTOPPABLE);
        assertThat(caller.isAlive()).as("the run went on on the caller's thread, not on a worker").isTrue();
        assertThat(harness.executor().get()).anySatisfy(problem -> assertThat(problem).contains("function stuck-here"));
        assertThat(rescue.claim()).isFalse();
    }
}
