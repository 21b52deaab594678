package io.switchboard.core.api.function;

import java.time.Instant;

/**
 * A function as stored: its current (possibly undeployed) spec plus lifecycle facts.
 *
 * @param id stable id, unique across accounts
 * @param account owning account
 * @param spec the current spec (what the next deploy freezes)
 * @param timeoutMs the effective timeout
 * @param state lifecycle state
 * @param deployedVersion the active version, or 0 when none is deployed
 * @param latestVersion the highest version ever deployed, or 0
 * @param createdAt creation time
 * @param updatedAt last change of spec or state
 * @param statusDetail why the function does not work as its state suggests, e.g. "waiting for event source
 *                     providing 'x'" or an exceeded limit after a limit was lowered; null when all is well
 * @since 1.1
 */
public record FunctionInfo(
        String id,
        String account,
        FunctionSpec spec,
        long timeoutMs,
        FunctionState state,
        int deployedVersion,
        int latestVersion,
        Instant createdAt,
        Instant updatedAt,
        String statusDetail) {

    /** A function without a status detail. */
    public FunctionInfo(String id, String account, FunctionSpec spec, long timeoutMs, FunctionState state,
            int deployedVersion, int latestVersion, Instant createdAt, Instant updatedAt) {
        this(id, account, spec, timeoutMs, state, deployedVersion, latestVersion, createdAt, updatedAt, null);
    }
}
