package io.switchboard.bench.executor;

import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.executor.graaljs.internal.GraalJsExecutor;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Calls the JSON function of {@link ExecutorBenchmark} through the executor from one thread, in rounds, and prints per
 * round the median and mean time per call and how many contexts the executor built: a warm call that gets slow every
 * few thousand calls shows up here with its cause (contexts rebuilt) where JMH only shows a long tail.
 * Usage: WarmCallProbe [rounds] [calls per round] [executor key=value ...]
 */
public final class WarmCallProbe {
    private WarmCallProbe() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Map<String, Object> overrides = new java.util.HashMap<>(Map.of("spareContexts", 2));
        for (int i = 2; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            overrides.put(pair[0], pair.length > 1 && pair[1].matches("-?\\d+") ? (Object) Long.valueOf(pair[1]) : pair.length > 1 ? pair[1] : "");
        }
        GraalJsExecutor executor = new GraalJsExecutor(ExecutorBenchmark.defaults(GraalJsExecutor.Config.class, intsFixed(overrides)));
        BenchToolbelt.register(executor);
        Method created = GraalJsExecutor.class.getDeclaredMethod("contextsCreated");
        created.setAccessible(true);
        // -Dprobe.code=<file.js> calls that function instead (with {"payload":{}}), e.g. one of bench/functions.
        String codeFile = System.getProperty("probe.code");
        ExecutionRequest request = codeFile == null
                ? new ExecutionRequest("bench", "acme", "json", "json@1", ExecutorBenchmark.JSON_FUNCTION, ExecutorBenchmark.JSON_INPUT,
                        Map.of(), List.of(), Duration.ofSeconds(30))
                : new ExecutionRequest("bench", "acme", "probe", "probe@1", java.nio.file.Files.readString(java.nio.file.Path.of(codeFile)),
                        "{\"payload\":{},\"headers\":[]}", Map.of(), List.of(), Duration.ofSeconds(30));
        long[] cpuTimes = new long[calls];
        // -Dprobe.direct=true runs each call on the calling thread (as the executor's warm-up does), without the hand-over
        // to a worker thread: the difference is what the hand-over costs.
        boolean direct = Boolean.getBoolean("probe.direct");
        Method runHere = GraalJsExecutor.class.getDeclaredMethod("runHere", ExecutionRequest.class);
        runHere.setAccessible(true);
        long[] times = new long[calls];
        for (int round = 1; round <= rounds; round++) {
            long before = (long) created.invoke(executor);
            java.util.Map<String, Long> cpuBefore = cpuByGroup();
            long roundStart = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                if (direct) {
                    runHere.invoke(executor, request);
                } else {
                    var result = executor.execute(request);
                    if (result.outcome() != Outcome.OK) {
                        throw new IllegalStateException("the function failed: " + result.error());
                    }
                    cpuTimes[i] = result.cpuTime() == null ? 0 : result.cpuTime().toNanos();
                }
                times[i] = System.nanoTime() - start;
            }
            long total = System.nanoTime() - roundStart;
            long[] sorted = times.clone();
            Arrays.sort(sorted);
            java.util.Map<String, Long> cpuAfter = cpuByGroup();
            long callCpu = cpuAfter.getOrDefault("call", 0L) - cpuBefore.getOrDefault("call", 0L);
            long compilerCpu = cpuAfter.getOrDefault("compiler", 0L) - cpuBefore.getOrDefault("compiler", 0L);
            long otherCpu = cpuAfter.getOrDefault("other", 0L) - cpuBefore.getOrDefault("other", 0L);
            long[] sortedCpu = cpuTimes.clone();
            Arrays.sort(sortedCpu);
            System.out.printf("round %2d: run CPU median %8.1f us; median %6.1f us, mean %6.1f us, p99 %8.1f us, CPU/call %5.1f us (compiler %5.1f, other %5.1f), "
                    + "contexts built %d%n", round, sortedCpu[calls / 2] / 1e3, sorted[calls / 2] / 1e3, total / 1e3 / calls, sorted[calls * 99 / 100] / 1e3,
                    callCpu / 1e3 / calls, compilerCpu / 1e3 / calls, otherCpu / 1e3 / calls, (long) created.invoke(executor) - before);
        }
        executor.deactivate();
    }

    /**
     * CPU time by group of live threads: the caller and the workers ("call"), Truffle's compiler threads, and the rest
     * (spare contexts, watchdog, GC is not included: it runs on VM threads the bean does not list).
     */
    private static java.util.Map<String, Long> cpuByGroup() {
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> groups = new java.util.HashMap<>();
        for (var info : bean.getThreadInfo(bean.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = bean.getThreadCpuTime(info.getThreadId());
            String name = info.getThreadName();
            String group = name.equals("main") || name.startsWith("switchboard-js-worker-") ? "call"
                    : name.startsWith("TruffleCompilerThread") ? "compiler" : "other";
            groups.merge(group, Math.max(cpu, 0), Long::sum);
        }
        return groups;
    }

    /** Config attributes typed int must be given as Integer. */
    private static Map<String, Object> intsFixed(Map<String, Object> overrides) {
        Map<String, Object> typed = new java.util.HashMap<>();
        for (var entry : overrides.entrySet()) {
            Object value = entry.getValue();
            try {
                Class<?> type = GraalJsExecutor.Config.class.getMethod(entry.getKey()).getReturnType();
                if (type == int.class && value instanceof Long number) {
                    value = number.intValue();
                } else if (type == String[].class) {
                    value = value.toString().isEmpty() ? new String[0] : value.toString().split(",");
                }
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException("no executor setting " + entry.getKey());
            }
            typed.put(entry.getKey(), value);
        }
        return typed;
    }
}
