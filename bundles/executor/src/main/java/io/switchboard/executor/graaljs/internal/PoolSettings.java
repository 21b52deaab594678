package io.switchboard.executor.graaljs.internal;

import java.util.List;

/**
 * The executor's keys that size what it built when it started (engine options, pools, threads, watchdog period): a
 * change of one of them restarts the executor, while the per-invocation limits ({@link ExecutorLimits}) apply live.
 * Dispatch holds the executor through a dynamic reference, so the restart reaches no other component.
 */
record PoolSettings(long statementLimit, int watchdogIntervalMillis, int poolSizePerVersion, int poolSizeTotal,
        long poolIdleSeconds, int spareContexts, List<String> preloadModules, long contextMaxUses,
        long contextAllocationBudgetMegabytes, int contextAllocationBudgetHeapPercent, int contextRecycleHeapPercent,
        long stopGraceMillis, int maxWorkerThreads) {

    static PoolSettings of(GraalJsExecutor.Config config) {
        return new PoolSettings(config.statementLimit(), config.watchdogIntervalMillis(), config.poolSizePerVersion(),
                config.poolSizeTotal(), config.poolIdleSeconds(), config.spareContexts(), List.of(config.preloadModules()),
                config.contextMaxUses(), config.contextAllocationBudgetMegabytes(), config.contextAllocationBudgetHeapPercent(),
                config.contextRecycleHeapPercent(),
                config.stopGraceMillis(), config.maxWorkerThreads());
    }
}
