package io.switchboard.core.api.dispatch;

/**
 * A function that ran for an event.
 *
 * @param functionId the function's id
 * @param functionName its name (of the version that ran)
 * @param version the version that ran
 */
public record FunctionRun(String functionId, String functionName, int version) {
}
