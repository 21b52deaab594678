package io.switchboard.executor.toolbelt;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The invocation a toolbelt call belongs to; modules act on this account only.
 *
 * @param invocationId id of the invocation record
 * @param account the function's account
 * @param functionId the function's id
 * @param allowedDomains host names the function may reach (exact, or {@code *.example.com}): the function's own list;
 *        modules add the account's list (its settings) to it
 * @param deadline when the invocation times out; work past it is wasted
 * @param callDepth 0 for a function run for an event or an external call, n for a function another one of depth n-1
 *        called; a module that calls functions passes it on as the caller's depth (@since 1.1)
 * @param traceParent the run's W3C trace context as a {@code traceparent} value, which outbound HTTP calls of modules
 *        send on (the run's trace, the run's span as their parent); null when the core gave none (@since 1.2)
 */
public record InvocationScope(String invocationId, String account, String functionId, List<String> allowedDomains,
        Instant deadline, int callDepth, String traceParent) {
    public InvocationScope {
        Objects.requireNonNull(invocationId, "invocationId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(functionId, "functionId");
        Objects.requireNonNull(deadline, "deadline");
        allowedDomains = allowedDomains == null ? List.of() : List.copyOf(allowedDomains);
        if (callDepth < 0) {
            throw new IllegalArgumentException("callDepth must be >= 0, was " + callDepth);
        }
    }

    /** A scope without trace context. */
    public InvocationScope(String invocationId, String account, String functionId, List<String> allowedDomains, Instant deadline,
            int callDepth) {
        this(invocationId, account, functionId, allowedDomains, deadline, callDepth, null);
    }

    /** A scope at call depth 0. */
    public InvocationScope(String invocationId, String account, String functionId, List<String> allowedDomains, Instant deadline) {
        this(invocationId, account, functionId, allowedDomains, deadline, 0);
    }
}
