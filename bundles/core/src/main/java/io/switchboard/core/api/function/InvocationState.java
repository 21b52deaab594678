package io.switchboard.core.api.function;

import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.Outcome;

/**
 * LivePerson's invocation states, as its invocation reports count them.
 *
 * @since 1.5
 */
public enum InvocationState {
    /** The function returned a result. */
    SUCCEEDED,
    /** The function's fault: a custom failure, a runtime error, an invalid result, a memory or statement limit. */
    CODING_FAILURE,
    /** The platform did not run the function or failed itself: rejected, 429, an internal error. */
    PLATFORM_FAILURE,
    /** The function ran past its time. */
    TIMEOUT,
    /** An error the platform cannot attribute (no error code, or a platform code of no known kind). */
    UNKNOWN;

    private static final String FUNCTION = "com.switchboard.function.";

    /** The state of a run that ended with the outcome and (when not OK) the error. */
    public static InvocationState of(Outcome outcome, ExecutionError error) {
        String code = error == null || error.errorCode() == null ? "" : error.errorCode();
        return switch (outcome) {
            case OK -> SUCCEEDED;
            case TIMEOUT -> TIMEOUT;
            case REJECTED -> PLATFORM_FAILURE;
            case ERROR -> ofError(code);
        };
    }

    private static InvocationState ofError(String code) {
        if (code.endsWith(".timeout")) {
            return TIMEOUT;
        }
        if (code.startsWith("com.switchboard.executor.") || code.startsWith("com.switchboard.dispatch.")
                || code.startsWith("com.switchboard.gateway.")) {
            return PLATFORM_FAILURE;
        }
        if (code.startsWith(FUNCTION) || code.startsWith("com.switchboard.result.")) {
            return CODING_FAILURE;
        }
        // A code of the function's own (an Error it passed to the callback or threw) is a custom failure; a code
        // of the platform that is none of the above, or none at all, cannot be attributed.
        return code.isEmpty() || code.startsWith("com.switchboard.") ? UNKNOWN : CODING_FAILURE;
    }
}
