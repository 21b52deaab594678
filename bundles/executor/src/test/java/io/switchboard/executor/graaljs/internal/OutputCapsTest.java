package io.switchboard.executor.graaljs.internal;

import static io.switchboard.executor.graaljs.internal.Functions.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Error messages and results are bounded by configuration, whatever size the function makes them (issue 14, item 4). */
class OutputCapsTest {
    private static ExecutorHarness harness;

    @BeforeAll
    static void start() {
        harness = new ExecutorHarness(Map.of("maxErrorChars", 1_000, "maxResultChars", 10_000));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void aTwentyMegabyteErrorMessageIsCutToTheConfiguredLength() {
        ExecutionResult thrown = harness.executor().execute(request("async function lambda() { throw new Error('E'.repeat(20*1024*1024)); }"));
        ExecutionResult callback = harness.executor().execute(request(
                "function lambda(input, callback) { callback({ errorMsg: 'F'.repeat(5*1024*1024) }); }"));

        assertThat(thrown.error().errorMsg()).startsWith("EEEE").hasSize(1_000).endsWith("E... [" + 20 * 1024 * 1024 + " characters in all]");
        assertThat(callback.error().errorMsg()).startsWith("FFFF").hasSize(1_000);
    }

    @Test
    void anUncaughtErrorOfTopLevelCodeIsCutToo() {
        ExecutionResult result = harness.executor().execute(request(
                "throw new Error('G'.repeat(3*1024*1024)); async function lambda() { return 1; }"));

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.error().errorMsg()).contains("GGGG").hasSize(1_000);
    }

    @Test
    void aResultOverTheLimitIsRefusedWithItsLengthAndNotAnswered() {
        ExecutionResult result = harness.executor().execute(request("async function lambda() { return 'R'.repeat(5*1024*1024); }"));

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.resultJson()).isNull();
        assertThat(result.error().errorCode()).isEqualTo("com.switchboard.function.result-too-large");
        assertThat(result.error().errorMsg()).isEqualTo("the result is " + (5 * 1024 * 1024 + 2) + " characters of JSON; the limit is 10000");
    }
}
