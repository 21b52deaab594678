package io.switchboard.core.api.execution;

/** How an invocation ended. */
public enum Outcome {
    /** The function returned a result. */
    OK,
    /** The function failed: callback error, thrown exception, rejected promise, bad result. */
    ERROR,
    /** The function did not finish before its deadline and was stopped. */
    TIMEOUT,
    /** The platform did not run the function (limits, capacity, missing executor). */
    REJECTED
}
