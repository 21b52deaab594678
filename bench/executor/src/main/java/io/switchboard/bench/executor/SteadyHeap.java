package io.switchboard.bench.executor;

import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.executor.graaljs.internal.GraalJsExecutor;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Whether warm calls leak: runs the JSON function in rounds and prints the heap used after a full GC at the
 * end of each round. A steady executor shows a flat line after the first rounds.
 * Usage: {@code java -cp ... io.switchboard.bench.executor.SteadyHeap [rounds] [callsPerRound]}
 */
public final class SteadyHeap {
    private SteadyHeap() {
    }

    public static void main(String[] args) throws InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        GraalJsExecutor executor = new GraalJsExecutor(ExecutorBenchmark.defaults(GraalJsExecutor.Config.class, java.util.Map.of()));
        try {
            StringBuilder line = new StringBuilder("heap after GC (KiB) per round of " + calls + " calls:");
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < calls; i++) {
                    var result = executor.execute(new ExecutionRequest("heap-" + i, "acme", "json", "json@1",
                            ExecutorBenchmark.JSON_FUNCTION, ExecutorBenchmark.JSON_INPUT, Map.of(), List.of(), Duration.ofSeconds(30)));
                    if (result.outcome() != Outcome.OK) {
                        throw new IllegalStateException("call failed: " + result.error());
                    }
                }
                System.gc();
                Thread.sleep(200);
                System.gc();
                line.append(' ').append(memory.getHeapMemoryUsage().getUsed() / 1024);
            }
            System.out.println(line);
        } finally {
            executor.deactivate();
        }
    }
}
