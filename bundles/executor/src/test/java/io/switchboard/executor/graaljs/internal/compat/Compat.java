package io.switchboard.executor.graaljs.internal.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.executor.graaljs.internal.ExecutorHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs LivePerson-style functions through a real executor for the compatibility suite. */
final class Compat {
    private static final AtomicInteger VERSIONS = new AtomicInteger();

    private Compat() {
    }

    static ExecutionRequest request(String code, String payloadJson) {
        int version = VERSIONS.incrementAndGet();
        return new ExecutionRequest("inv-" + version, "le12345678", "fn-" + version, "fn-" + version + "@1", code,
                "{\"payload\":" + payloadJson + ",\"headers\":[]}", Map.of("GREETING", "hello"), List.of(), Duration.ofSeconds(20));
    }

    /** Runs the code and returns its result JSON, failing the test with the error when it did not succeed. */
    static String run(ExecutorHarness harness, String code) {
        return run(harness, code, "{}");
    }

    static String run(ExecutorHarness harness, String code, String payloadJson) {
        ExecutionResult result = harness.executor().execute(request(code, payloadJson));
        assertThat(result.outcome()).as("%s %s", result.error(), result.logs()).isEqualTo(Outcome.OK);
        return result.resultJson();
    }
}
