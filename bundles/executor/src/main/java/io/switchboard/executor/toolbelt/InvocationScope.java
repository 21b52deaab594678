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
 * @param allowedDomains host names the function may reach (exact, or {@code *.example.com})
 * @param deadline when the invocation times out; work past it is wasted
 */
public record InvocationScope(String invocationId, String account, String functionId, List<String> allowedDomains,
        Instant deadline) {
    public InvocationScope {
        Objects.requireNonNull(invocationId, "invocationId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(functionId, "functionId");
        Objects.requireNonNull(deadline, "deadline");
        allowedDomains = allowedDomains == null ? List.of() : List.copyOf(allowedDomains);
    }
}
