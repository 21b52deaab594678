package io.switchboard.executor.graaljs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.executor.toolbelt.ToolbeltCall;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PoolTest {
    private static final String COUNTER = "let calls = 0; async function lambda(input) { return [input.payload.v, ++calls]; }";

    private ExecutorHarness harness;

    @BeforeEach
    void start() {
        harness = new ExecutorHarness(Map.of("poolSizePerVersion", 2, "poolIdleSeconds", 1L));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void warmContextIsReusedForTheSameVersion() {
        assertThat(run("counter@1", COUNTER, 1)).isEqualTo("[1,1]");
        assertThat(run("counter@1", COUNTER, 1)).isEqualTo("[1,2]");
        assertThat(harness.executor().idleContexts()).isEqualTo(1);
    }

    @Test
    void newVersionEvictsTheContextsOfTheOldOne() {
        run("counter@1", COUNTER, 1);
        String v2 = COUNTER.replace("input.payload.v", "input.payload.v * 10");

        assertThat(run("counter@2", v2, 2)).isEqualTo("[20,1]");
        assertThat(harness.executor().idleContexts()).isEqualTo(1);
        assertThat(run("counter@1", COUNTER, 1)).as("v1 starts cold again").isEqualTo("[1,1]");
    }

    @Test
    void timedOutContextIsReplacedNotReused() {
        String code = "let calls = 0; async function lambda(input) { calls++; if (input.payload.v === 0) for (;;) {} return calls; }";
        ExecutionResult timeout = harness.executor().execute(Functions.request("loop", "loop@1", code,
                "{\"payload\":{\"v\":0}}", Duration.ofMillis(100)));

        assertThat(timeout.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(run("loop@1", code, 1)).as("a fresh context counts from 1").isEqualTo("1");
    }

    @Test
    void idleContextsAreClosedAfterTheIdleTime() throws InterruptedException {
        run("counter@1", COUNTER, 1);
        assertThat(harness.executor().idleContexts()).isEqualTo(1);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (harness.executor().idleContexts() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }

        assertThat(harness.executor().idleContexts()).isZero();
        assertThat(run("counter@1", COUNTER, 1)).isEqualTo("[1,1]");
    }

    @Test
    void twoThreadsRunTheSameFunctionInParallelOnSeparateContexts() throws Exception {
        String code = """
                let inUse = false;
                async function lambda(input) {
                  if (inUse) throw new Error('context shared between runs');
                  inUse = true;
                  await new Promise(resolve => setTimeout(resolve, 20));
                  inUse = false;
                  return input.payload.v;
                }""";
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int thread = 0; thread < 2; thread++) {
                int value = thread;
                results.add(threads.submit(() -> {
                    List<String> outputs = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        together.await(5, TimeUnit.SECONDS);
                        outputs.add(run("parallel@1", code, value));
                    }
                    return outputs;
                }));
            }

            assertThat(results.get(0).get(30, TimeUnit.SECONDS)).containsOnly("0");
            assertThat(results.get(1).get(30, TimeUnit.SECONDS)).containsOnly("1");
            assertThat(harness.executor().idleContexts()).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void toolbeltChangeRebuildsWarmContexts() {
        String code = "async function lambda() { return Object.keys(require('lp-faas-toolbelt')); }";
        assertThat(run("keys@1", code, 0)).isEqualTo("[]");

        harness.with("Echo", new ToolbeltModule() {
            @Override
            public String facadeScript() {
                return "(call) => function Echo() { return {}; }";
            }

            @Override
            public CompletionStage<String> call(ToolbeltCall call) {
                return CompletableFuture.completedFuture(call.argumentsJson());
            }
        });

        assertThat(run("keys@1", code, 0)).isEqualTo("[\"Echo\"]");
    }

    private String run(String codeId, String code, int value) {
        ExecutionResult result = harness.executor().execute(Functions.request(codeId.substring(0, codeId.indexOf('@')), codeId,
                code, "{\"payload\":{\"v\":" + value + "}}", Duration.ofSeconds(10)));
        assertThat(result.outcome()).as(String.valueOf(result.error())).isEqualTo(Outcome.OK);
        return result.resultJson();
    }
}
