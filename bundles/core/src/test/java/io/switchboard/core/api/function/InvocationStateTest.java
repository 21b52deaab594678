package io.switchboard.core.api.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.Outcome;
import org.junit.jupiter.api.Test;

class InvocationStateTest {

    private static InvocationState error(String code) {
        return InvocationState.of(Outcome.ERROR, new ExecutionError(code, "m"));
    }

    @Test
    void okIsSucceededTimeoutIsTimeoutAndRejectedIsAPlatformFailure() {
        assertThat(InvocationState.of(Outcome.OK, null)).isEqualTo(InvocationState.SUCCEEDED);
        assertThat(InvocationState.of(Outcome.TIMEOUT, new ExecutionError("com.switchboard.function.timeout", "t")))
                .isEqualTo(InvocationState.TIMEOUT);
        assertThat(InvocationState.of(Outcome.REJECTED, new ExecutionError("com.switchboard.dispatch.limit", "429")))
                .isEqualTo(InvocationState.PLATFORM_FAILURE);
    }

    @Test
    void faultsOfTheFunctionAreCodingFailures() {
        assertThat(error("com.switchboard.function.failed")).isEqualTo(InvocationState.CODING_FAILURE);
        assertThat(error("com.switchboard.function.runtime-error")).isEqualTo(InvocationState.CODING_FAILURE);
        assertThat(error("com.switchboard.function.result-too-large")).isEqualTo(InvocationState.CODING_FAILURE);
        assertThat(error("com.switchboard.function.memory-limit")).isEqualTo(InvocationState.CODING_FAILURE);
        assertThat(error("com.acme.my-own-code")).isEqualTo(InvocationState.CODING_FAILURE);
    }

    @Test
    void internalErrorsArePlatformFailuresAndUnattributableOnesUnknown() {
        assertThat(error("com.switchboard.executor.internal")).isEqualTo(InvocationState.PLATFORM_FAILURE);
        assertThat(error("com.switchboard.executor.timeout")).isEqualTo(InvocationState.TIMEOUT);
        assertThat(InvocationState.of(Outcome.ERROR, null)).isEqualTo(InvocationState.UNKNOWN);
        assertThat(error("com.switchboard.something-new")).isEqualTo(InvocationState.UNKNOWN);
    }
}
