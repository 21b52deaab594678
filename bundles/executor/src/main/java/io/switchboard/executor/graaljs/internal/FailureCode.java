package io.switchboard.executor.graaljs.internal;

import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;

/** Every way a run can end without a result, with the outcome and error code the core receives. */
enum FailureCode {
    /** The function reported an error: callback error, thrown exception or rejected promise (LivePerson's custom-failure). */
    FAILED(Outcome.ERROR, "com.switchboard.function.failed"),
    /** A TypeError, ReferenceError or SyntaxError at run time (LivePerson's runtime-exception). */
    RUNTIME_ERROR(Outcome.ERROR, "com.switchboard.function.runtime-error"),
    /** The code does not parse or does not define {@code lambda}. */
    INVALID_CODE(Outcome.ERROR, "com.switchboard.function.invalid-code"),
    /** The result cannot be written as JSON. */
    INVALID_RESULT(Outcome.ERROR, "com.switchboard.function.invalid-result"),
    /** The result's JSON is longer than the configured maximum. */
    RESULT_TOO_LARGE(Outcome.ERROR, "com.switchboard.function.result-too-large"),
    /** The run allocated more than its budget and was stopped. */
    MEMORY_LIMIT(Outcome.ERROR, "com.switchboard.function.memory-limit"),
    /** The run executed more statements than allowed and was stopped. */
    STATEMENT_LIMIT(Outcome.ERROR, "com.switchboard.function.statement-limit"),
    /** The deadline passed, or nothing left could ever finish the run. */
    TIMEOUT(Outcome.TIMEOUT, "com.switchboard.function.timeout"),
    /** Every executor thread is busy; the function was not run. */
    EXECUTOR_BUSY(Outcome.REJECTED, "com.switchboard.executor.busy"),
    /** An earlier run of the function could not be stopped and still holds its thread; the function is not run. */
    UNSTOPPABLE(Outcome.REJECTED, ExecutionResult.UNSTOPPABLE),
    /** The executor is stopping and did not run the function. */
    EXECUTOR_STOPPED(Outcome.REJECTED, "com.switchboard.executor.stopped"),
    /** A fault of the platform, not of the function; logged with details. */
    INTERNAL(Outcome.ERROR, "com.switchboard.executor.internal-error");

    private final Outcome outcome;
    private final String code;

    FailureCode(Outcome outcome, String code) {
        this.outcome = outcome;
        this.code = code;
    }

    Outcome outcome() {
        return outcome;
    }

    ExecutionError error(String message) {
        return new ExecutionError(code, message);
    }
}
