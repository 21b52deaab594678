package io.switchboard.core.api.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.Outcome;
import org.junit.jupiter.api.Test;

class LivePersonErrorTest {

    private static LivePersonError of(Outcome outcome, String code) {
        return LivePersonError.of(outcome, new ExecutionError(code, "why"));
    }

    @Test
    void anErrorThrownOrPassedToTheCallbackIsACustomFailureAnswered901() {
        assertThat(of(Outcome.ERROR, "com.switchboard.function.failed"))
                .isEqualTo(new LivePersonError(901, LivePersonError.CUSTOM_FAILURE, "why"));
    }

    @Test
    void runtimeErrorsAndSyntaxErrorsAreRuntimeExceptions() {
        assertThat(of(Outcome.ERROR, "com.switchboard.function.runtime-error").errorCode()).isEqualTo(LivePersonError.RUNTIME_EXCEPTION);
        assertThat(of(Outcome.ERROR, "com.switchboard.function.invalid-code").errorCode()).isEqualTo(LivePersonError.RUNTIME_EXCEPTION);
        assertThat(of(Outcome.ERROR, "com.switchboard.function.memory-limit").status()).isEqualTo(901);
    }

    @Test
    void timeoutsExceedTheExecutionTimeAndLogLimitsAreTheirOwn() {
        assertThat(of(Outcome.TIMEOUT, "com.switchboard.function.timeout").errorCode()).isEqualTo(LivePersonError.EXECUTION_TIME_EXCEEDED);
        assertThat(of(Outcome.TIMEOUT, "com.switchboard.dispatch.timeout").errorCode()).isEqualTo(LivePersonError.EXECUTION_TIME_EXCEEDED);
        assertThat(of(Outcome.ERROR, "com.switchboard.function.log-limit").errorCode()).isEqualTo(LivePersonError.LOG_LIMIT_REACHED);
    }

    @Test
    void aBrokenResultContractIsTheFunctionsCustomFailureNamingSwitchboardsCode() {
        LivePersonError error = of(Outcome.ERROR, "com.switchboard.function.invalid-result");
        assertThat(error.status()).isEqualTo(901);
        assertThat(error.errorCode()).isEqualTo(LivePersonError.CUSTOM_FAILURE);
        assertThat(error.errorMsg()).isEqualTo("com.switchboard.function.invalid-result: why");
    }

    @Test
    void whatThePlatformDidNotRunIsUnavailableAndItsOwnFaultsGeneral() {
        assertThat(of(Outcome.REJECTED, "com.switchboard.dispatch.quarantined")).extracting(LivePersonError::status, LivePersonError::errorCode)
                .containsExactly(503, LivePersonError.UNAVAILABLE);
        assertThat(of(Outcome.ERROR, "com.switchboard.executor.internal-error")).extracting(LivePersonError::status, LivePersonError::errorCode)
                .containsExactly(500, LivePersonError.GENERAL);
    }
}
