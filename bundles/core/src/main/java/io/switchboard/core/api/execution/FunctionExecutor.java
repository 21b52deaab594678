package io.switchboard.core.api.execution;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs function code in a sandbox. The core uses whichever executor is registered; the GraalJS bundle is
 * the default one and may be replaced by another bundle.
 */
@ConsumerType
public interface FunctionExecutor {

    /**
     * Runs the request and returns when the function finished, failed or timed out; the calling thread waits for it
     * (an executor may run the guest code on a thread of its own, and then reports its CPU time in the result).
     * Never throws for anything the function does; every failure of the function is an {@link ExecutionResult}.
     */
    ExecutionResult execute(ExecutionRequest request);

    /**
     * Whether {@link #execute} always returns by the request's timeout (plus a small margin) whatever the function
     * does, because the executor stops functions itself. The core then runs a synchronous event's only function on
     * the caller's thread instead of handing it to a pool and waiting with a deadline of its own (one thread switch
     * less per event). Executors that cannot promise this keep the default, {@code false}.
     */
    default boolean stopsFunctionsAtTheirTimeout() {
        return false;
    }
}
