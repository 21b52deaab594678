package io.switchboard.executor.toolbelt;

import java.util.Objects;

/**
 * One operation a function asked a toolbelt module for.
 *
 * @param operation the operation name the module's facade passed to {@code call}
 * @param argumentsJson the arguments as a JSON array
 * @param scope who asked: the account and function the module must act for
 */
public record ToolbeltCall(String operation, String argumentsJson, InvocationScope scope) {
    public ToolbeltCall {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(argumentsJson, "argumentsJson");
        Objects.requireNonNull(scope, "scope");
    }
}
