package io.switchboard.core.api.execution;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of one function's code.
 *
 * @param invocationId id of the invocation record
 * @param account the function's account; toolbelt modules act on this account only
 * @param functionId the function's id
 * @param codeId identity of this exact code: equal ids always mean equal code, so executors may cache
 *               compiled code and warm contexts under it (e.g. {@code <functionId>@<version>})
 * @param code the JavaScript source defining {@code lambda}
 * @param inputJson the function input {@code {"payload": ..., "headers": ...}} as JSON text
 * @param env the function's environment variables
 * @param allowedDomains host names the function may reach over HTTP (exact, or {@code *.example.com})
 * @param timeout wall-clock budget; past it the run ends with {@link Outcome#TIMEOUT}
 * @param callDepth 0 for a function run for an event or an external call; n for a function called (through
 *        {@code io.switchboard.core.api.dispatch.FunctionCalls}) by one of depth n-1. A toolbelt module that calls other
 *        functions passes it on as the caller's depth, and {@code now + timeout} as the deadline. @since 1.2
 * @param traceParent the run's W3C trace context as a {@code traceparent} value ({@code 00-<trace id>-<span id>-<flags>}):
 *        the caller's trace with this run's own span, what outbound HTTP calls of the run send; null when unknown. @since 1.3
 */
public record ExecutionRequest(
        String invocationId,
        String account,
        String functionId,
        String codeId,
        String code,
        String inputJson,
        Map<String, String> env,
        List<String> allowedDomains,
        Duration timeout,
        int callDepth,
        String traceParent) {
    public ExecutionRequest {
        Objects.requireNonNull(invocationId, "invocationId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(functionId, "functionId");
        Objects.requireNonNull(codeId, "codeId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(inputJson, "inputJson");
        Objects.requireNonNull(timeout, "timeout");
        env = env == null ? Map.of() : Map.copyOf(env);
        allowedDomains = allowedDomains == null ? List.of() : List.copyOf(allowedDomains);
        if (callDepth < 0) {
            throw new IllegalArgumentException("callDepth must be >= 0, was " + callDepth);
        }
    }

    /** A run without trace context. */
    public ExecutionRequest(String invocationId, String account, String functionId, String codeId, String code, String inputJson,
            Map<String, String> env, List<String> allowedDomains, Duration timeout, int callDepth) {
        this(invocationId, account, functionId, codeId, code, inputJson, env, allowedDomains, timeout, callDepth, null);
    }

    /** A run at call depth 0 (an event's or an external call's). */
    public ExecutionRequest(String invocationId, String account, String functionId, String codeId, String code, String inputJson,
            Map<String, String> env, List<String> allowedDomains, Duration timeout) {
        this(invocationId, account, functionId, codeId, code, inputJson, env, allowedDomains, timeout, 0);
    }
}
