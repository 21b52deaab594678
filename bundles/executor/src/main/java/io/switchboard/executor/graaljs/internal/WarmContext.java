package io.switchboard.executor.graaljs.internal;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * A context that has evaluated the prelude and one version of a function's code, ready to invoke it.
 * Used by one thread at a time: the pool hands it out exclusively.
 */
final class WarmContext {
    private final Context context;
    private final HostBridge bridge;
    private final String codeId;
    private final String functionId;
    private final long toolbeltGeneration;
    private Value invoke;
    private Value lambda;
    private java.util.Map<String, String> envOf;
    private String envJson;
    private volatile long idleSinceNanos;
    private long uses;
    private long allocatedBytes;

    WarmContext(Context context, HostBridge bridge, String codeId, String functionId, long toolbeltGeneration) {
        this.context = context;
        this.bridge = bridge;
        this.codeId = codeId;
        this.functionId = functionId;
        this.toolbeltGeneration = toolbeltGeneration;
    }

    void ready(Value invokeFunction, Value lambdaFunction) {
        this.invoke = invokeFunction;
        this.lambda = lambdaFunction;
    }

    Context context() {
        return context;
    }

    String codeId() {
        return codeId;
    }

    String functionId() {
        return functionId;
    }

    long toolbeltGeneration() {
        return toolbeltGeneration;
    }

    long idleSinceNanos() {
        return idleSinceNanos;
    }

    /** Runs started on this context. */
    long uses() {
        return uses;
    }

    /** Bytes the runs on this context allocated in all (creation included), as far as measured. */
    long allocatedBytes() {
        return allocatedBytes;
    }

    /** Adds what a run allocated; negative (unknown) amounts are ignored. */
    void allocated(long bytes) {
        if (bytes > 0) {
            allocatedBytes += bytes;
        }
    }

    void markIdle(long nowNanos) {
        idleSinceNanos = nowNanos;
    }

    /** Runs the function once for {@code invocation}; settlement and follow-up work go to the invocation. */
    void start(Invocation invocation) {
        uses++;
        context.resetLimits();
        invoke.executeVoid(lambda, invocation.request().inputJson(), envJson(invocation.request()));
    }

    /** {@code process.env} as JSON; a version's variables do not change, so it is written once per context. */
    private String envJson(io.switchboard.core.api.execution.ExecutionRequest request) {
        if (envJson == null || !envOf.equals(request.env())) {
            envOf = request.env();
            envJson = io.switchboard.executor.graaljs.internal.json.JsonText.object(PlatformEnvironment.of(request));
        }
        return envJson;
    }

    void bind(Invocation invocation) {
        bridge.bind(invocation);
    }

    void unbind() {
        bridge.unbind();
    }

    void close() {
        context.close(true);
    }
}
