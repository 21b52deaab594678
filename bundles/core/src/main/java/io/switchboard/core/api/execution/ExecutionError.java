package io.switchboard.core.api.execution;

/**
 * Why an invocation did not produce a result, in LivePerson's shape.
 *
 * @param errorCode a short machine-readable code, e.g. {@code com.switchboard.function.timeout}
 * @param errorMsg a message a function author can act on
 */
public record ExecutionError(String errorCode, String errorMsg) {
}
