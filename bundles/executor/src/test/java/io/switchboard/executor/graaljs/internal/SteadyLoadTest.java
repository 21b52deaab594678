package io.switchboard.executor.graaljs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A function under a steady load of as many concurrent callers as the core lets run at once (its per-function limit,
 * 10 by default) keeps its contexts: every context built for it means the prelude and the preloaded libraries run again
 * and per-context set-up code counts toward the JIT's thresholds (the 2026-12-03 quick bench compiled the prelude's
 * install function and lodash's set-up under a steady load of 8 connections).
 */
class SteadyLoadTest {
    private static final int CALLERS = 8;
    private static final String CODE = "function lambda(input, callback) { callback(null, 'ok ' + input.payload.v); }";

    private ExecutorHarness harness;
    private ExecutorService callers;

    @BeforeEach
    void start() {
        // No spares: every context counted is one a run had to build.
        harness = new ExecutorHarness(Map.of("spareContexts", 0));
        callers = Executors.newFixedThreadPool(CALLERS);
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        harness.close();
    }

    @Test
    void aSteadyLoadWithinTheConcurrencyLimitBuildsNoNewContextsOnceWarm() throws Exception {
        GraalJsExecutor executor = harness.executor();
        runConcurrently(50);
        long warm = executor.contextsCreated();
        int idle = executor.idleContexts();

        runConcurrently(300);

        // A context is built only when more callers overlapped than in the first round.
        assertThat(executor.contextsCreated() - warm).as("contexts built under the steady load, %d idle before", idle)
                .isLessThanOrEqualTo(CALLERS - idle);
    }

    private void runConcurrently(int callsEach) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CALLERS; c++) {
            done.add(callers.submit(() -> {
                for (int i = 0; i < callsEach; i++) {
                    ExecutionResult result = harness.executor().execute(Functions.request("steady", "steady@1", CODE,
                            "{\"payload\":{\"v\":" + i + "}}", Duration.ofSeconds(30)));
                    assertThat(result.outcome()).as(String.valueOf(result.error())).isEqualTo(Outcome.OK);
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(120, TimeUnit.SECONDS);
        }
    }
}
