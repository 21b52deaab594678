package io.switchboard.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.api.dispatch.AsyncOutcome;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.InvocationRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InvocationMetricsTest {

    private final Meters meters = new Meters(Configs.metrics("maxAccounts", 2, "durationBucketsMillis", "10,100,1000"));
    private final InvocationMetrics metrics = new InvocationMetrics(meters);

    @AfterEach
    void close() {
        meters.close();
    }

    private static InvocationRecord record(String id, String account, String function, Trigger trigger, Outcome outcome, long ms) {
        return new InvocationRecord(id, account, function, 1, null, null, trigger, Instant.now(), ms, outcome, null,
                outcome == Outcome.OK ? null : new ExecutionError("x", "y"), List.of());
    }

    @Test
    void finishedRunsAreCountedByAccountFunctionTriggerAndOutcomeWithTheirDurationsInTheConfiguredBuckets() {
        metrics.invocationFinished(record("i1", "acme", "f1", Trigger.EVENT, Outcome.OK, 50));
        metrics.invocationFinished(record("i2", "acme", "f1", Trigger.EVENT, Outcome.OK, 500));
        metrics.invocationFinished(record("i3", "acme", "f1", Trigger.SCHEDULE, Outcome.TIMEOUT, 5));

        String scrape = meters.scrape();
        assertThat(scrape).contains("switchboard_invocations_total{account=\"acme\",function=\"f1\",outcome=\"OK\",trigger=\"EVENT\"} 2.0")
                .contains("switchboard_invocations_total{account=\"acme\",function=\"f1\",outcome=\"TIMEOUT\",trigger=\"SCHEDULE\"} 1.0")
                .contains("switchboard_invocation_duration_seconds_bucket{account=\"acme\",function=\"f1\",le=\"0.1\"} 2")
                .contains("switchboard_invocation_duration_seconds_bucket{account=\"acme\",function=\"f1\",le=\"1.0\"} 3")
                .contains("switchboard_invocation_duration_seconds_count{account=\"acme\",function=\"f1\"} 3")
                .contains("switchboard_schedule_runs_total{account=\"acme\",outcome=\"TIMEOUT\"} 1.0");
    }

    @Test
    void eachFunctionKeepsItsOwnDurationTimerAcrossManyRuns() {
        for (int i = 0; i < 5; i++) {
            metrics.invocationFinished(record("a" + i, "acme", "f1", Trigger.EVENT, Outcome.OK, 2000));
            metrics.invocationFinished(record("b" + i, "acme", "f2", Trigger.EVENT, Outcome.OK, 20));
        }

        assertThat(meters.scrape())
                .contains("switchboard_invocation_duration_seconds_count{account=\"acme\",function=\"f1\"} 5")
                .contains("switchboard_invocation_duration_seconds_sum{account=\"acme\",function=\"f1\"} 10.0")
                .contains("switchboard_invocation_duration_seconds_count{account=\"acme\",function=\"f2\"} 5")
                .contains("switchboard_invocation_duration_seconds_bucket{account=\"acme\",function=\"f2\",le=\"0.1\"} 5")
                .contains("switchboard_invocations_total{account=\"acme\",function=\"f2\",outcome=\"OK\",trigger=\"EVENT\"} 5.0");
    }

    @Test
    void runsInFlightRiseAtTheStartAndFallAtTheEndOfTheSameRun() {
        metrics.invocationStarted("i1", "acme", "f1");
        metrics.invocationStarted("i2", "acme", "f2");
        assertThat(meters.scrape()).contains("switchboard_invocations_in_flight{account=\"acme\"} 2");

        metrics.invocationFinished(record("i1", "acme", "f1", Trigger.EVENT, Outcome.OK, 1));
        metrics.invocationFinished(record("never-started", "acme", "f1", Trigger.EVENT, Outcome.REJECTED, 0));
        assertThat(meters.scrape()).contains("switchboard_invocations_in_flight{account=\"acme\"} 1");
    }

    @Test
    void anInstanceMadeAfterAnotherOnTheSameRegistryCountsItsOwnRunsInFlight() {
        metrics.invocationStarted("i1", "acme", "f1");
        metrics.invocationStarted("i2", "acme", "f1");
        assertThat(meters.scrape()).contains("switchboard_invocations_in_flight{account=\"acme\"} 2");
        metrics.deactivate();

        // What Declarative Services does when the instance is disposed and another made on the same Meters.
        InvocationMetrics next = new InvocationMetrics(meters);
        next.invocationStarted("i3", "acme", "f1");
        assertThat(meters.scrape()).contains("switchboard_invocations_in_flight{account=\"acme\"} 1");
        next.invocationFinished(record("i3", "acme", "f1", Trigger.EVENT, Outcome.OK, 1));
        assertThat(meters.scrape()).contains("switchboard_invocations_in_flight{account=\"acme\"} 0");
    }

    @Test
    void refusalsQuarantinesRetriesAndDeadLettersAreCounted() {
        metrics.capacityExceeded("acme", "f1");
        metrics.quarantined("acme", "f1");
        FunctionOutcome failed = new FunctionOutcome("i", "f1", "one", 1, Outcome.ERROR, null, new ExecutionError("x", "y"), List.of());
        metrics.functionFinished(new AsyncOutcome("e1", "acme", "conversation_end", failed, 1, false));
        metrics.functionFinished(new AsyncOutcome("e1", "acme", "conversation_end", failed, 2, true));

        assertThat(meters.scrape()).contains("switchboard_capacity_exceeded_total{account=\"acme\",function=\"f1\"} 1.0")
                .contains("switchboard_quarantines_total{account=\"acme\",function=\"f1\"} 1.0")
                .contains("switchboard_async_retries_total{account=\"acme\",event_type=\"conversation_end\"} 1.0")
                .contains("switchboard_async_dead_lettered_total{account=\"acme\",event_type=\"conversation_end\"} 1.0");
    }

    @Test
    void accountsBeyondTheBudgetShareTheOtherLabel() {
        metrics.invocationFinished(record("i1", "a1", "f", Trigger.EVENT, Outcome.OK, 1));
        metrics.invocationFinished(record("i2", "a2", "f", Trigger.EVENT, Outcome.OK, 1));
        metrics.invocationFinished(record("i3", "a3", "f", Trigger.EVENT, Outcome.OK, 1));
        metrics.invocationFinished(record("i4", "a4", "f", Trigger.EVENT, Outcome.OK, 1));

        assertThat(meters.scrape()).contains("switchboard_invocations_total{account=\"_other\",function=\"_other\",outcome=\"OK\",trigger=\"EVENT\"} 2.0")
                .doesNotContain("a3").doesNotContain("a4");
    }

    @Test
    void theJvmIsMeasuredToo() {
        assertThat(meters.scrape()).contains("jvm_memory_used_bytes").contains("jvm_threads_live_threads").contains("process_uptime_seconds");
    }

    @Test
    void durationBucketsThatAreNotNumbersAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> Meters.buckets("10,ten")).hasMessageContaining("durationBucketsMillis");
    }
}
