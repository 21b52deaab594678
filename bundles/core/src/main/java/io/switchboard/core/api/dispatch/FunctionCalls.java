package io.switchboard.core.api.dispatch;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Function-to-function calls: the one way a running function (or an action its result asks for) invokes another
 * function. The callee must belong to the caller's account, the chain is at most {@code maxCallDepth} calls deep
 * (configuration {@code io.switchboard.core.dispatch}, default 3), the callee runs within the caller's deadline and
 * does not wait for the concurrency slots its caller holds.
 *
 * @since 1.3
 */
@ProviderType
public interface FunctionCalls {

    /**
     * Runs the callee's deployed version and waits for it (at most until the call's deadline).
     *
     * @return the callee's outcome; {@code TIMEOUT} when the deadline passed before or while it ran
     * @throws UnknownFunctionException when the account has no such deployed function (another account's look the same)
     * @throws CallDepthExceededException when the call would be deeper than allowed
     * @throws InvalidPayloadException when the payload is not JSON
     */
    FunctionOutcome call(FunctionCall call);
}
