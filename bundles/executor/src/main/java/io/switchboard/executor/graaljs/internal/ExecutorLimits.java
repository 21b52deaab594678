package io.switchboard.executor.graaljs.internal;

import java.time.Duration;

/**
 * The per-invocation bounds, read once from the configuration.
 *
 * @param maxTimeout ceiling on a request's timeout
 * @param maxLogLines console entries kept per invocation
 * @param maxLogChars characters of console entries (message and extras) kept per invocation
 * @param maxResultChars characters of the result's JSON
 * @param maxOutboundCalls toolbelt calls (HTTP requests, secret and context operations) per invocation
 * @param allocationBudgetBytes bytes the invocation's thread may allocate; 0 turns the check off
 * @param statementLimit JavaScript statements per invocation; 0 turns the limit off
 * @param maxErrorChars characters of an error message the executor answers with
 */
record ExecutorLimits(Duration maxTimeout, int maxLogLines, int maxLogChars, int maxResultChars, int maxOutboundCalls,
        long allocationBudgetBytes, long statementLimit, int maxErrorChars) {

    static ExecutorLimits of(GraalJsExecutor.Config config) {
        return new ExecutorLimits(Duration.ofMillis(config.maxTimeoutMillis()), config.maxLogLines(), config.maxLogChars(),
                config.maxResultChars(), config.maxOutboundCalls(), config.allocationBudgetMegabytes() * 1024L * 1024L,
                config.statementLimit(), config.maxErrorChars());
    }

    Duration effectiveTimeout(Duration requested) {
        return requested.compareTo(maxTimeout) > 0 ? maxTimeout : requested;
    }
}
