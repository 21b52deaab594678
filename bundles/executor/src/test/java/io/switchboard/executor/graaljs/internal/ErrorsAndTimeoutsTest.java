package io.switchboard.executor.graaljs.internal;

import static io.switchboard.executor.graaljs.internal.Functions.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ErrorsAndTimeoutsTest {

    /**
     * The watchdog stops a run within 100 ms of its deadline on an idle machine (docs/executor.md); unit tests run
     * beside other builds, so they only prove the run was stopped at the deadline, not left running.
     */
    private static final Duration LOAD_ALLOWANCE = Duration.ofMillis(1500);
    private static GraalJsExecutor executor;

    @BeforeAll
    static void start() {
        executor = new GraalJsExecutor(TestConfigs.of(GraalJsExecutor.Config.class, Map.of("maxResultChars", 100)));
    }

    @AfterAll
    static void stop() {
        executor.deactivate();
    }

    @Test
    void errorPassedToTheCallbackIsAnErrorOutcome() {
        ExecutionResult result = executor.execute(request(
                "function lambda(input, callback) { callback(new Error('no such order')); }"));

        assertFailure(result, Outcome.ERROR, "com.switchboard.function.failed", "no such order");
    }

    @Test
    void thrownExceptionIsAnErrorOutcome() {
        ExecutionResult result = executor.execute(request("function lambda(input, callback) { throw new RangeError('bad input'); }"));

        assertFailure(result, Outcome.ERROR, "com.switchboard.function.failed", "bad input");
    }

    @Test
    void thrownTypeErrorIsARuntimeError() {
        ExecutionResult result = executor.execute(request("function lambda(input, callback) { throw new TypeError('bad input'); }"));

        assertFailure(result, Outcome.ERROR, "com.switchboard.function.runtime-error", "TypeError: bad input");
    }

    @Test
    void rejectedPromiseIsAnErrorOutcome() {
        ExecutionResult result = executor.execute(request(
                "async function lambda(input) { await null; throw { errorMsg: 'custom failure' }; }"));

        assertFailure(result, Outcome.ERROR, "com.switchboard.function.failed", "custom failure");
    }

    @Test
    void nonSerialisableResultIsAnErrorOutcome() {
        ExecutionResult cyclic = executor.execute(request("async function lambda() { const a = {}; a.self = a; return a; }"));
        ExecutionResult bigint = executor.execute(request("async function lambda() { return 10n; }"));

        assertFailure(cyclic, Outcome.ERROR, "com.switchboard.function.invalid-result", "not JSON-serialisable");
        assertFailure(bigint, Outcome.ERROR, "com.switchboard.function.invalid-result", "not JSON-serialisable");
    }

    @Test
    void resultLongerThanTheLimitIsAnErrorOutcome() {
        ExecutionResult result = executor.execute(request("async function lambda() { return 'x'.repeat(200); }"));

        assertFailure(result, Outcome.ERROR, "com.switchboard.function.result-too-large", "limit is 100");
    }

    @Test
    void codeWithoutLambdaIsInvalid() {
        ExecutionResult missing = executor.execute(request("function handler() {}"));
        ExecutionResult syntax = executor.execute(request("function lambda( {"));

        assertFailure(missing, Outcome.ERROR, "com.switchboard.function.invalid-code", "lambda");
        assertFailure(syntax, Outcome.ERROR, "com.switchboard.function.invalid-code", "");
    }

    @Test
    void uncaughtErrorInATimerFailsTheRun() {
        ExecutionResult result = executor.execute(request(
                "function lambda(input, callback) { setTimeout(() => { throw new Error('in timer'); }, 1); }"));

        assertFailure(result, Outcome.ERROR, "com.switchboard.function.failed", "in timer");
    }

    @Test
    void infiniteLoopIsStoppedWithin100MillisecondsOfItsDeadline() {
        ExecutionResult result = executor.execute(request("async function lambda() { for (;;) {} }", Duration.ofMillis(300)));

        assertFailure(result, Outcome.TIMEOUT, "com.switchboard.function.timeout", "300 ms");
        assertThat(result.duration()).isBetween(Duration.ofMillis(300), Duration.ofMillis(400).plus(LOAD_ALLOWANCE));
    }

    @Test
    void infiniteLoopInTopLevelCodeIsStoppedToo() {
        ExecutionResult result = executor.execute(request("while (true) {} function lambda() {}", Duration.ofMillis(200)));

        assertFailure(result, Outcome.TIMEOUT, "com.switchboard.function.timeout", "200 ms");
        assertThat(result.duration()).isBetween(Duration.ofMillis(200), Duration.ofMillis(300).plus(LOAD_ALLOWANCE));
    }

    @Test
    void callbackNeverCalledIsATimeout() {
        ExecutionResult result = executor.execute(request("function lambda(input, callback) { }", Duration.ofMillis(200)));

        assertFailure(result, Outcome.TIMEOUT, "com.switchboard.function.timeout", "can never finish");
    }

    @Test
    void timerThatNeverFiresBeforeTheDeadlineIsATimeout() {
        ExecutionResult result = executor.execute(request(
                "async function lambda() { await new Promise(resolve => setTimeout(resolve, 60000)); return 1; }",
                Duration.ofMillis(200)));

        assertFailure(result, Outcome.TIMEOUT, "com.switchboard.function.timeout", "200 ms");
        assertThat(result.duration()).isBetween(Duration.ofMillis(200), Duration.ofMillis(300).plus(LOAD_ALLOWANCE));
    }

    @Test
    void clearedTimerDoesNotRun() {
        ExecutionResult result = executor.execute(request("""
                function lambda(input, callback) {
                  const id = setTimeout(() => callback(null, 'cleared timer ran'), 1);
                  clearTimeout(id);
                  setTimeout(() => callback(null, 'ok'), 5);
                }"""));

        assertThat(result.resultJson()).isEqualTo("\"ok\"");
    }

    @Test
    void executorKeepsServingAfterATimeout() {
        executor.execute(request("async function lambda() { for (;;) {} }", Duration.ofMillis(100)));

        ExecutionResult result = executor.execute(request("async function lambda() { return 'still here'; }"));

        assertThat(result.resultJson()).isEqualTo("\"still here\"");
    }

    @Test
    void timeoutAboveTheMaximumIsCapped() {
        GraalJsExecutor capped = new GraalJsExecutor(TestConfigs.of(GraalJsExecutor.Config.class, Map.of("maxTimeoutMillis", 150L)));
        try {
            ExecutionResult result = capped.execute(request("async function lambda() { for (;;) {} }", Duration.ofSeconds(30)));

            assertFailure(result, Outcome.TIMEOUT, "com.switchboard.function.timeout", "150 ms");
        } finally {
            capped.deactivate();
        }
    }

    private static void assertFailure(ExecutionResult result, Outcome outcome, String code, String message) {
        assertThat(result.outcome()).isEqualTo(outcome);
        assertThat(result.resultJson()).isNull();
        assertThat(result.error().errorCode()).isEqualTo(code);
        assertThat(result.error().errorMsg()).contains(message);
    }
}
