package io.switchboard.core.api.execution;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs function code in a sandbox. The core uses whichever executor is registered; the GraalJS bundle is
 * the default one and may be replaced by another bundle.
 */
@ConsumerType
public interface FunctionExecutor {

    /**
     * Runs the request on the calling thread and returns when the function finished, failed or timed out.
     * Never throws for anything the function does; every failure of the function is an {@link ExecutionResult}.
     */
    ExecutionResult execute(ExecutionRequest request);
}
