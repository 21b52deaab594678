package io.switchboard.executor.graaljs.internal;

import static io.switchboard.executor.graaljs.internal.Functions.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.execution.Outcome;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProgrammingModelTest {
    private static GraalJsExecutor executor;

    @BeforeAll
    static void start() {
        executor = new GraalJsExecutor(TestConfigs.of(GraalJsExecutor.Config.class, Map.of()));
    }

    @AfterAll
    static void stop() {
        executor.deactivate();
    }

    @Test
    void callbackStyleReturnsTheResultPassedToTheCallback() {
        ExecutionResult result = executor.execute(request(
                "function lambda(input, callback) { callback(null, { doubled: input.payload.n * 2 }); }"));

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.resultJson()).isEqualTo("{\"doubled\":4}");
    }

    @Test
    void asyncStyleAwaitsTheReturnedPromise() {
        ExecutionResult result = executor.execute(request("""
                async function lambda(input) {
                  const later = await new Promise(resolve => setTimeout(() => resolve(input.payload.n + 1), 5));
                  return { later, headers: input.headers };
                }"""));

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.resultJson()).isEqualTo("{\"later\":3,\"headers\":[]}");
    }

    @Test
    void callbackCalledFromATimerCompletesTheRun() {
        ExecutionResult result = executor.execute(request(
                "function lambda(input, callback) { setTimeout(() => callback(null, 'late'), 10); }"));

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.resultJson()).isEqualTo("\"late\"");
    }

    @Test
    void undefinedResultIsJsonNull() {
        ExecutionResult result = executor.execute(request("async function lambda(input) { }"));

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.resultJson()).isEqualTo("null");
    }

    @Test
    void environmentVariablesAreVisibleAsProcessEnv() {
        ExecutionResult result = executor.execute(request(
                "async function lambda() { return [process.env.GREETING, Object.keys(process.env).sort()]; }"));

        assertThat(result.resultJson()).isEqualTo("[\"hello\",[\"BRAND_ID\",\"GREETING\",\"LAMBDA_UUID\",\"X_LIVEPERSON_BRAND_ID\","
                + "\"X_LIVEPERSON_FUNCTION_UUID\"]]");
    }

    @Test
    void consoleLinesAreCapturedWithTheirLevel() {
        ExecutionResult result = executor.execute(request("""
                async function lambda() {
                  console.debug('d', 1); console.log('l', {a: 1}); console.info('i');
                  console.warn('w'); console.error(new Error('boom'));
                  return 1;
                }"""));

        assertThat(result.logs()).extracting(LogLine::level)
                .containsExactly(LogLevel.DEBUG, LogLevel.INFO, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR);
        assertThat(result.logs()).extracting(LogLine::message).startsWith("d", "l", "i", "w");
        assertThat(result.logs()).extracting(LogLine::extrasJson).startsWith("[1]", "[{\"a\":1}]", null, null);
        assertThat(result.logs().get(4).message()).startsWith("Error: boom");
    }

    @Test
    void secondCallbackIsIgnoredAndLogged() {
        ExecutionResult result = executor.execute(request(
                "function lambda(input, callback) { callback(null, 'first'); callback(new Error('second')); }"));

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.resultJson()).isEqualTo("\"first\"");
        assertThat(result.logs()).singleElement().satisfies(line -> {
            assertThat(line.level()).isEqualTo(LogLevel.WARN);
            assertThat(line.message()).contains("completed more than once");
        });
    }

    @Test
    void toolbeltIsReachableInBothWaysLivePersonCodeRequiresIt() {
        ExecutionResult result = executor.execute(request("""
                const { Toolbelt } = require('lp-faas-toolbelt');
                async function lambda() { return [Toolbelt === require('lp-faas-toolbelt'), Object.isFrozen(Toolbelt)]; }"""));

        assertThat(result.resultJson()).isEqualTo("[true,true]");
    }

    @Test
    void globalStateOfAWarmContextSurvivesBetweenCalls() {
        String code = "let calls = 0; async function lambda() { return ++calls; }";
        var first = executor.execute(Functions.request("counter", "counter@1", code, "{}", java.time.Duration.ofSeconds(5)));
        var second = executor.execute(Functions.request("counter", "counter@1", code, "{}", java.time.Duration.ofSeconds(5)));

        assertThat(first.resultJson()).isEqualTo("1");
        assertThat(second.resultJson()).isEqualTo("2");
    }
}
