package io.switchboard.core.api.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One function calling another of its account (LivePerson's {@code OrchestratorClient}, a bot's {@code INVOCATION}
 * action).
 *
 * @param account the caller's account: the callee must be a function of the same account
 * @param functionRef the callee's id (LivePerson's lambda UUID) or name
 * @param payloadJson the callee's payload as JSON text
 * @param headers the callee's headers
 * @param callerInvocationId the invocation that calls, for the logs; may be null
 * @param callerDepth the caller's call depth: 0 for a function run for an event or an external call, 1 for a function it
 *        called, and so on
 * @param deadline when the caller stops waiting: the callee's timeout is cut to it
 */
public record FunctionCall(String account, String functionRef, String payloadJson, List<Header> headers, String callerInvocationId,
        int callerDepth, Instant deadline) {
    public FunctionCall {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(functionRef, "functionRef");
        Objects.requireNonNull(payloadJson, "payloadJson");
        Objects.requireNonNull(deadline, "deadline");
        headers = headers == null ? List.of() : List.copyOf(headers);
        if (callerDepth < 0) {
            throw new IllegalArgumentException("callerDepth must be >= 0, was " + callerDepth);
        }
    }
}
