package io.switchboard.core.api.dispatch;

import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.Outcome;
import java.util.Objects;

/**
 * A function's failure as LivePerson's gateway answers it: an HTTP status and {@code {errorCode, errorMsg}} with
 * LivePerson's codes (F-ERR, {@code FaaSLambdaErrorCodesV1} of the JDK client). What the webhooks of synchronous events
 * and the gateway answer when a function did not return a valid result.
 *
 * @param status the HTTP status: 901 for an error of the function, 503/500 when the platform did not run it
 * @param errorCode LivePerson's code
 * @param errorMsg the function's message (Switchboard's own code in front when LivePerson's says less)
 * @since 1.3
 */
public record LivePersonError(int status, String errorCode, String errorMsg) {

    /** HTTP status LivePerson answers for "Error during lambda execution". */
    public static final int FUNCTION_FAILED = 901;
    /** An {@code Error} passed to the callback, thrown, or a promise rejected with one; a result that broke the event's contract. */
    public static final String CUSTOM_FAILURE = "com.liveperson.faas.handler.custom-failure";
    /** A {@code TypeError}, {@code ReferenceError} or {@code SyntaxError}, or the sandbox stopping the function. */
    public static final String RUNTIME_EXCEPTION = "com.liveperson.faas.handler.runtime-exception";
    /** The function ran past its time. */
    public static final String EXECUTION_TIME_EXCEEDED = "com.liveperson.faas.handler.executiontime-exceeded";
    /** The function logged more than allowed. */
    public static final String LOG_LIMIT_REACHED = "com.liveperson.faas.handler.log-limit-reached";
    /** The platform could not run the function (no executor, quarantine, stopping). */
    public static final String UNAVAILABLE = "com.liveperson.faas.es.unavailable";
    /** A fault of the platform. */
    public static final String GENERAL = "com.liveperson.faas.es.general";

    public LivePersonError {
        Objects.requireNonNull(errorCode, "errorCode");
        errorMsg = errorMsg == null ? "" : errorMsg;
    }

    /** LivePerson's error for a function outcome that is not OK. */
    public static LivePersonError of(FunctionOutcome outcome) {
        return of(outcome.outcome(), outcome.error());
    }

    /** LivePerson's error for an outcome that is not OK and its error (Switchboard's code). */
    public static LivePersonError of(Outcome outcome, ExecutionError error) {
        String code = error == null || error.errorCode() == null ? "" : error.errorCode();
        String message = error == null ? "" : error.errorMsg();
        if (outcome == Outcome.TIMEOUT || code.endsWith(".timeout")) {
            return new LivePersonError(FUNCTION_FAILED, EXECUTION_TIME_EXCEEDED, message);
        }
        if (outcome == Outcome.REJECTED) {
            return new LivePersonError(503, UNAVAILABLE, withCode(code, message));
        }
        if (code.startsWith("com.switchboard.executor.") || code.startsWith("com.switchboard.dispatch.")) {
            return new LivePersonError(500, GENERAL, withCode(code, message));
        }
        return switch (code) {
            case "com.switchboard.function.failed" -> new LivePersonError(FUNCTION_FAILED, CUSTOM_FAILURE, message);
            case "com.switchboard.function.runtime-error", "com.switchboard.function.invalid-code",
                    "com.switchboard.function.memory-limit", "com.switchboard.function.statement-limit",
                    "com.switchboard.function.result-too-large" -> new LivePersonError(FUNCTION_FAILED, RUNTIME_EXCEPTION, withCode(code, message));
            default -> code.contains("log-limit")
                    ? new LivePersonError(FUNCTION_FAILED, LOG_LIMIT_REACHED, message)
                    : new LivePersonError(FUNCTION_FAILED, CUSTOM_FAILURE, withCode(code, message));
        };
    }

    private static String withCode(String code, String message) {
        return code.isEmpty() ? message : code + ": " + message;
    }
}
