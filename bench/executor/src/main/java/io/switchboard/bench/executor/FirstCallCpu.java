package io.switchboard.bench.executor;

import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.executor.graaljs.internal.GraalJsExecutor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The CPU time the executor's worker thread spends on the first call of a new function version (a spare context
 * ready), for a plain function and for functions that use lodash and luxon. Unlike the wall-clock time of the JMH
 * benchmark it hardly depends on what else the machine runs: on a shared, loaded machine wall time is this CPU time
 * stretched by the wait for a core. Prints the median and quartiles per variant over the last two thirds of the rounds.
 *
 * <p>Usage: {@code FirstCallCpu [rounds (30)]}, with the JVM options of run-benchmarks.sh.
 */
public final class FirstCallCpu {
    private static final String INPUT = ExecutorBenchmark.JSON_INPUT;
    private static final String REQUIRES = "const _ = require('lodash');\nconst { DateTime } = require('luxon');\n";

    private FirstCallCpu() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("plain (the JSON function)", ExecutorBenchmark.JSON_FUNCTION);
        variants.put("requires lodash + luxon, uses neither", REQUIRES + "function lambda(input, callback) { callback(null, 1); }");
        variants.put("uses _.sumBy", REQUIRES + "function lambda(input, callback) { callback(null, _.sumBy(input.payload.transcript, "
                + "line => line.text.length)); }");
        variants.put("uses a luxon DateTime in UTC", REQUIRES + "function lambda(input, callback) { callback(null, "
                + "DateTime.fromMillis(0, { zone: 'utc' }).toISO()); }");
        variants.put("firstCallOfANewVersionWithLibraries", ExecutorBenchmark.LIBRARY_FUNCTION);
        GraalJsExecutor executor = new GraalJsExecutor(ExecutorBenchmark.defaults(GraalJsExecutor.Config.class, Map.of()));
        BenchToolbelt.register(executor);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, List<Long>> micros = new LinkedHashMap<>();
        int version = 0;
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, String> variant : variants.entrySet()) {
                awaitSpare(executor);
                version++;
                String function = "variant-" + variants.keySet().stream().toList().indexOf(variant.getKey());
                long before = workerCpuNanos(threads);
                ExecutionResult result = executor.execute(new ExecutionRequest("cpu-" + version, "bench", function,
                        function + "@" + version, variant.getValue() + "\n// version " + version, INPUT, Map.of(), List.of(),
                        Duration.ofSeconds(30)));
                long spent = workerCpuNanos(threads) - before;
                if (result.outcome() != Outcome.OK) {
                    throw new IllegalStateException(variant.getKey() + " failed: " + result.error());
                }
                if (round >= rounds / 3) {
                    micros.computeIfAbsent(variant.getKey(), key -> new ArrayList<>()).add(spent / 1000);
                }
            }
        }
        executor.deactivate();
        System.out.printf("%-40s %10s %10s %10s%n", "first call of a new version", "median us", "p25", "p75");
        micros.forEach((name, values) -> {
            Collections.sort(values);
            System.out.printf("%-40s %10d %10d %10d%n", name, values.get(values.size() / 2), values.get(values.size() / 4),
                    values.get(values.size() * 3 / 4));
        });
        System.exit(0);
    }

    /** CPU time of every executor worker thread: one call runs at a time, so the difference is that call's. */
    private static long workerCpuNanos(ThreadMXBean threads) {
        long sum = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("switchboard-js-worker-")) {
                long cpu = threads.getThreadCpuTime(thread.getId());
                sum += Math.max(0, cpu);
            }
        }
        return sum;
    }

    /** Waits for a spare context, then a little more for the previous version's context to be closed in the background. */
    private static void awaitSpare(GraalJsExecutor executor) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (executor.spareContexts() == 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
}
