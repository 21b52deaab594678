package io.switchboard.core.api.execution;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

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

    /**
     * Starts the request and returns at once; the future completes with what {@link #execute} would have returned,
     * with the same deadline, grace and handling of a run that could not be stopped. The core starts all functions of
     * one event this way from the caller's thread, so no thread of its own only waits for a run. The default runs
     * {@link #execute} on {@code waiter}, a thread of the core that waits for it; an executor that runs functions on
     * threads of its own overrides it and never uses {@code waiter}. Cancelling the future asks the run to stop.
     */
    default CompletableFuture<ExecutionResult> start(ExecutionRequest request, Executor waiter) {
        return CompletableFuture.supplyAsync(() -> execute(request), waiter);
    }
}
