package io.switchboard.executor.graaljs.internal.compat;

import static io.switchboard.executor.graaljs.internal.compat.Compat.request;
import static io.switchboard.executor.graaljs.internal.compat.Compat.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.executor.graaljs.internal.ExecutorHarness;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LivePerson's environment variables, log entries and error codes. */
class LivePersonSemanticsTest {
    private static ExecutorHarness harness;

    @BeforeAll
    static void start() {
        harness = new ExecutorHarness(Map.of());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void processEnvHoldsThePlatformVariablesOfV1AndV2() {
        ExecutionRequest request = request("""
                async function lambda() {
                  const env = process.env;
                  return [env.BRAND_ID, env.LAMBDA_UUID, env.X_LIVEPERSON_BRAND_ID, env.X_LIVEPERSON_FUNCTION_UUID, env.GREETING];
                }""", "{}");

        ExecutionResult result = harness.executor().execute(request);

        assertThat(result.resultJson()).isEqualTo("[\"le12345678\",\"" + request.functionId() + "\",\"le12345678\",\""
                + request.functionId() + "\",\"hello\"]");
    }

    @Test
    void writesToProcessEnvStayInTheFunctionsWarmContext() {
        String counter = "async function lambda() { process.env.CALLS = String(Number(process.env.CALLS || 0) + 1); return process.env.CALLS; }";
        ExecutionRequest first = request(counter, "{}");
        ExecutionRequest again = new ExecutionRequest("inv-again", first.account(), first.functionId(), first.codeId(), counter,
                first.inputJson(), first.env(), first.allowedDomains(), first.timeout());

        assertThat(harness.executor().execute(first).resultJson()).isEqualTo("\"1\"");
        assertThat(harness.executor().execute(again).resultJson()).isEqualTo("\"2\"");
        assertThat(run(harness, "async function lambda() { return process.env.CALLS === undefined; }")).isEqualTo("true");
    }

    @Test
    void consoleKeepsExtrasAsAJsonArrayBesideTheMessage() {
        ExecutionResult result = harness.executor().execute(request("""
                async function lambda() {
                  console.info('order placed', { id: 7 }, 2, 'x');
                  console.debug('debugging');
                  console.log('plain');
                  console.trace('traced');
                  console.warn({ a: 1 });
                  console.error('failed', new Error('boom'));
                }""", "{}"));

        assertThat(result.logs()).extracting(LogLine::level).containsExactly(LogLevel.INFO, LogLevel.DEBUG, LogLevel.INFO, LogLevel.DEBUG,
                LogLevel.WARN, LogLevel.ERROR);
        assertThat(result.logs().get(0).message()).isEqualTo("order placed");
        assertThat(result.logs().get(0).extrasJson()).isEqualTo("[{\"id\":7},2,\"x\"]");
        assertThat(result.logs().get(1).extrasJson()).isNull();
        assertThat(result.logs().get(4).message()).isEqualTo("{\"a\":1}");
        assertThat(result.logs().get(5).extrasJson()).startsWith("[{\"name\":\"Error\",\"message\":\"boom\",\"stack\":");
    }

    @Test
    void anErrorThrownOrPassedToTheCallbackIsACustomFailure() {
        assertFailure("async function lambda() { throw new Error('no stock'); }", "com.switchboard.function.failed", "no stock");
        assertFailure("function lambda(input, callback) { callback(new Error('declined')); }", "com.switchboard.function.failed", "declined");
        assertFailure("async function lambda() { throw { errorMsg: 'plain object' }; }", "com.switchboard.function.failed", "plain object");
    }

    @Test
    void typeReferenceAndSyntaxErrorsAtRunTimeAreRuntimeErrors() {
        assertFailure("async function lambda(input) { return input.payload.missing.deeper; }", "com.switchboard.function.runtime-error",
                "TypeError: ");
        assertFailure("async function lambda() { return notDefined + 1; }", "com.switchboard.function.runtime-error",
                "ReferenceError: notDefined is not defined");
        assertFailure("async function lambda() { return JSON.parse('{oops'); }", "com.switchboard.function.runtime-error", "SyntaxError: ");
        assertFailure("function lambda(input, callback) { setTimeout(() => { null.x; }, 1); }", "com.switchboard.function.runtime-error",
                "TypeError");
        assertFailure("const config = undefinedConfig.value;\nasync function lambda() { return 1; }", "com.switchboard.function.runtime-error",
                "undefinedConfig");
    }

    @Test
    void aTimeoutStaysATimeout() {
        ExecutionResult result = harness.executor().execute(new ExecutionRequest("inv-t", "acme", "slow", "slow@1",
                "async function lambda() { for (;;) {} }", "{\"payload\":{},\"headers\":[]}", Map.of(), java.util.List.of(),
                java.time.Duration.ofMillis(200)));

        assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(result.error().errorCode()).isEqualTo("com.switchboard.function.timeout");
    }

    private static void assertFailure(String code, String errorCode, String message) {
        ExecutionResult result = harness.executor().execute(request(code, "{}"));
        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.error().errorCode()).as(result.error().errorMsg()).isEqualTo(errorCode);
        assertThat(result.error().errorMsg()).contains(message);
    }
}
