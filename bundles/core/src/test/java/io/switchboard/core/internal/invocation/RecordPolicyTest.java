package io.switchboard.core.internal.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.internal.testing.TestConfigs;

class RecordPolicyTest {

    /** What the sample draws next. */
    private final AtomicReference<Double> draw = new AtomicReference<>(0.5);

    private RecordPolicy policy(RecordPolicy.Policy policy, double sampleRate) {
        return new RecordPolicy(config(policy, sampleRate), draw::get);
    }

    private static RecordPolicy.Config config(RecordPolicy.Policy policy, double sampleRate) {
        return TestConfigs.config(RecordPolicy.Config.class, "policy", policy, "sampleRate", sampleRate);
    }

    private static InvocationRecord run(Outcome outcome, Trigger trigger, List<LogLine> logs) {
        return new InvocationRecord("i1", "acme", "f1", 1, null, null, trigger, Instant.EPOCH, 3, outcome, outcome == Outcome.OK ? "1" : null,
                outcome == Outcome.OK ? null : new ExecutionError("com.switchboard.function.runtime-error", "boom"), logs);
    }

    private static InvocationRecord quietSuccess() {
        return run(Outcome.OK, Trigger.EVENT, List.of());
    }

    @Test
    void theDefaultPolicyKeepsEveryRun() {
        RecordPolicy all = new RecordPolicy(TestConfigs.config(RecordPolicy.Config.class), draw::get);
        draw.set(0.999);
        assertThat(all.policy()).isEqualTo(RecordPolicy.Policy.ALL);
        assertThat(all.keepsInFull(quietSuccess())).isTrue();
        assertThat(RecordPolicy.all().keepsInFull(quietSuccess())).isTrue();
    }

    @Test
    void theSamplingPolicyKeepsEveryFailureWhateverTheSample() {
        RecordPolicy sampling = policy(RecordPolicy.Policy.FAILURES_LOGGED_SAMPLE, 0);
        for (Outcome failed : List.of(Outcome.ERROR, Outcome.TIMEOUT, Outcome.REJECTED)) {
            assertThat(sampling.keepsInFull(run(failed, Trigger.EVENT, List.of()))).as(failed.name()).isTrue();
        }
    }

    @Test
    void theSamplingPolicyKeepsRunsThatLoggedAndManualRuns() {
        RecordPolicy sampling = policy(RecordPolicy.Policy.FAILURES_LOGGED_SAMPLE, 0);
        assertThat(sampling.keepsInFull(run(Outcome.OK, Trigger.EVENT, List.of(new LogLine(Instant.EPOCH, LogLevel.INFO, "hi"))))).isTrue();
        assertThat(sampling.keepsInFull(run(Outcome.OK, Trigger.MANUAL, List.of()))).isTrue();
        assertThat(sampling.keepsInFull(quietSuccess())).isFalse();
    }

    @Test
    void theSamplingPolicyKeepsAQuietSuccessOnlyWhenTheDrawFallsBelowTheRate() {
        RecordPolicy sampling = policy(RecordPolicy.Policy.FAILURES_LOGGED_SAMPLE, 0.25);
        draw.set(0.24);
        assertThat(sampling.keepsInFull(quietSuccess())).isTrue();
        draw.set(0.25);
        assertThat(sampling.keepsInFull(quietSuccess())).isFalse();
    }

    @Test
    void aSampleRateOfOneKeepsEveryRunAndOneOutsideTheRangeIsClamped() {
        draw.set(0.999);
        assertThat(policy(RecordPolicy.Policy.FAILURES_LOGGED_SAMPLE, 1).keepsInFull(quietSuccess())).isTrue();
        assertThat(policy(RecordPolicy.Policy.FAILURES_LOGGED_SAMPLE, 7).keepsInFull(quietSuccess())).isTrue();
        draw.set(0.0);
        assertThat(policy(RecordPolicy.Policy.FAILURES_LOGGED_SAMPLE, -1).keepsInFull(quietSuccess())).isFalse();
    }

    @Test
    void aChangedConfigurationAppliesToTheNextRun() {
        RecordPolicy policy = policy(RecordPolicy.Policy.ALL, 0);
        assertThat(policy.keepsInFull(quietSuccess())).isTrue();
        policy.modified(config(RecordPolicy.Policy.FAILURES_LOGGED_SAMPLE, 0));
        assertThat(policy.policy()).isEqualTo(RecordPolicy.Policy.FAILURES_LOGGED_SAMPLE);
        assertThat(policy.keepsInFull(quietSuccess())).isFalse();
        policy.modified(config(RecordPolicy.Policy.ALL, 0));
        assertThat(policy.keepsInFull(quietSuccess())).isTrue();
    }

    /** The refusal windows' clock, in epoch milliseconds. */
    private final AtomicLong millis = new AtomicLong(1_000_000);

    private RecordPolicy refusing(RecordPolicy.Policy policy, int refusalRecordSeconds) {
        return new RecordPolicy(refusingConfig(policy, refusalRecordSeconds), draw::get, millis::get);
    }

    private static RecordPolicy.Config refusingConfig(RecordPolicy.Policy policy, int refusalRecordSeconds) {
        return TestConfigs.config(RecordPolicy.Config.class, "policy", policy, "sampleRate", 0.0, "refusalRecordSeconds", refusalRecordSeconds);
    }

    private static InvocationRecord refusal(String functionId) {
        return new InvocationRecord("i1", "acme", functionId, 1, null, null, Trigger.EVENT, Instant.EPOCH, 0, Outcome.REJECTED, null,
                new ExecutionError(RecordPolicy.QUARANTINED, "quarantined"), List.of());
    }

    @Test
    void onlyTheFirstRefusalOfAQuarantinedFunctionInEachSecondKeepsItsRecordUnderEveryPolicy() {
        for (RecordPolicy.Policy each : RecordPolicy.Policy.values()) {
            RecordPolicy policy = refusing(each, 1);
            assertThat(policy.keepsInFull(refusal("loop"))).as(each + ": the first").isTrue();
            assertThat(policy.keepsInFull(refusal("loop"))).as(each + ": the second in the same second").isFalse();
            assertThat(policy.keepsInFull(refusal("bomb"))).as(each + ": per function").isTrue();
            millis.addAndGet(999);
            assertThat(policy.keepsInFull(refusal("loop"))).as(each + ": still within the second").isFalse();
            millis.addAndGet(1);
            assertThat(policy.keepsInFull(refusal("loop"))).as(each + ": a new second").isTrue();
            assertThat(policy.keepsInFull(refusal("loop"))).isFalse();
            millis.addAndGet(5_000);
        }
    }

    @Test
    void otherRejectionsAreNotRefusalsOfTheQuarantine() {
        RecordPolicy policy = refusing(RecordPolicy.Policy.ALL, 1);
        InvocationRecord noExecutor = new InvocationRecord("i1", "acme", "f1", 1, null, null, Trigger.EVENT, Instant.EPOCH, 0, Outcome.REJECTED,
                null, new ExecutionError("com.switchboard.executor.unavailable", "none"), List.of());
        assertThat(policy.keepsInFull(noExecutor)).isTrue();
        assertThat(policy.keepsInFull(noExecutor)).isTrue();
    }

    @Test
    void aLongerWindowKeepsFewerAndZeroKeepsEveryRefusal() {
        RecordPolicy longer = refusing(RecordPolicy.Policy.ALL, 10);
        assertThat(longer.keepsInFull(refusal("loop"))).isTrue();
        millis.addAndGet(9_999);
        assertThat(longer.keepsInFull(refusal("loop"))).isFalse();
        millis.addAndGet(1);
        assertThat(longer.keepsInFull(refusal("loop"))).isTrue();

        RecordPolicy every = refusing(RecordPolicy.Policy.ALL, 0);
        assertThat(every.keepsInFull(refusal("loop"))).isTrue();
        assertThat(every.keepsInFull(refusal("loop"))).isTrue();
    }

    @Test
    void aClockThatWentBackStartsANewWindowInsteadOfCountingOnlyForLong() {
        RecordPolicy policy = refusing(RecordPolicy.Policy.ALL, 1);
        assertThat(policy.keepsInFull(refusal("loop"))).isTrue();
        millis.addAndGet(-60_000);
        assertThat(policy.keepsInFull(refusal("loop"))).isTrue();
        assertThat(policy.keepsInFull(refusal("loop"))).isFalse();
    }

    @Test
    void aChangedRefusalWindowAppliesToTheNextRefusal() {
        RecordPolicy policy = refusing(RecordPolicy.Policy.ALL, 1);
        assertThat(policy.keepsInFull(refusal("loop"))).isTrue();
        assertThat(policy.keepsInFull(refusal("loop"))).isFalse();
        policy.modified(refusingConfig(RecordPolicy.Policy.ALL, 0));
        assertThat(policy.keepsInFull(refusal("loop"))).isTrue();
        assertThat(policy.keepsInFull(refusal("loop"))).isTrue();
        policy.modified(refusingConfig(RecordPolicy.Policy.ALL, 1));
        assertThat(policy.keepsInFull(refusal("loop"))).isTrue();
        assertThat(policy.keepsInFull(refusal("loop"))).isFalse();
    }
}
