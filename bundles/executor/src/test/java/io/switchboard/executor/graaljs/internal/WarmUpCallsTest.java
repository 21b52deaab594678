package io.switchboard.executor.graaljs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarmUpCallsTest {
    @Test
    void withoutAJitNoWarmUpCallsAreMade() {
        assertThat(WarmUpCalls.count(15_000, "Interpreted Development Build")).isZero();
    }

    @Test
    void withTheJitTheConfiguredCallsAreMade() {
        assertThat(WarmUpCalls.count(15_000, "GraalVM CE Development Build")).isEqualTo(15_000);
        assertThat(WarmUpCalls.count(-1, "GraalVM CE Development Build")).isZero();
    }

    @Test
    void theWarmUpFunctionAnswersOkSoTheWarmUpLoopRunsOn() {
        try (ExecutorHarness harness = new ExecutorHarness(Map.of())) {
            ExecutionResult result = harness.executor().execute(WarmUpCalls.request(7));

            assertThat(result.outcome()).as(String.valueOf(result.error())).isEqualTo(Outcome.OK);
            assertThat(result.resultJson()).isEqualTo("\"ok warm 7\"");
        }
    }
}
