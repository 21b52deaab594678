package io.switchboard.camel.api;

import io.switchboard.core.api.execution.Outcome;

/**
 * Thrown by a {@code function:} endpoint (unless {@code failOnError=false}) when the function did not return a
 * result: it failed, timed out or was rejected. The route's error handling decides what happens next.
 */
public final class FunctionFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Outcome outcome;
    private final String errorCode;
    private final String invocationId;

    public FunctionFailedException(String functionRef, Outcome outcome, String errorCode, String errorMsg, String invocationId) {
        super("Function '" + functionRef + "' ended " + outcome + (errorCode == null ? "" : " (" + errorCode + ")")
                + (errorMsg == null ? "" : ": " + errorMsg) + "; invocation " + invocationId);
        this.outcome = outcome;
        this.errorCode = errorCode;
        this.invocationId = invocationId;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String errorCode() {
        return errorCode;
    }

    public String invocationId() {
        return invocationId;
    }
}
