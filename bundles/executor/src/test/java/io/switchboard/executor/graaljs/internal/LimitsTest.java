package io.switchboard.executor.graaljs.internal;

import static io.switchboard.executor.graaljs.internal.Functions.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.execution.Outcome;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LimitsTest {
    private static GraalJsExecutor executor;

    @BeforeAll
    static void start() {
        executor = new GraalJsExecutor(TestConfigs.of(GraalJsExecutor.Config.class, Map.of(
                "maxLogLines", 5, "maxLogChars", 64, "allocationBudgetMegabytes", 64L, "statementLimit", 200_000L)));
        // The engine's first context parses the prelude on a cold JVM, seconds on a loaded machine: not part of the
        // time the bounds below check.
        executor.execute(request("async function lambda() { return 'warm'; }"));
    }

    @AfterAll
    static void stop() {
        executor.deactivate();
    }

    @Test
    void memoryBombIsStoppedAndTheEngineStaysUsable() {
        ExecutionResult bomb = executor.execute(request("""
                async function lambda() {
                  const hoard = [];
                  for (;;) hoard.push(new Array(10000).fill(hoard.length));
                }""", Duration.ofSeconds(20)));

        assertThat(bomb.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(bomb.error().errorCode()).isEqualTo("com.switchboard.function.memory-limit");
        // Stopped by its budget, well before its 20 s timeout; the margin is wide because a loaded machine slows the
        // interpreted allocation loop (6.0 s measured at a load of 13, against a bound of 5 s before).
        assertThat(bomb.duration()).isLessThan(Duration.ofSeconds(15));
        assertThat(executor.execute(request("async function lambda() { return 'alive'; }")).resultJson()).isEqualTo("\"alive\"");
    }

    @Test
    void statementLimitStopsARunawayLoopBeforeItsDeadline() {
        ExecutionResult result = executor.execute(request(
                "async function lambda() { let i = 0; while (true) { i++; } }", Duration.ofSeconds(20)));

        assertThat(result.error().errorCode()).isEqualTo("com.switchboard.function.statement-limit");
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void statementLimitIsPerInvocation() {
        String code = "async function lambda() { let s = 0; for (let i = 0; i < 30000; i++) { s += i; } return s; }";
        for (int call = 0; call < 10; call++) {
            assertThat(executor.execute(request(code)).outcome()).isEqualTo(Outcome.OK);
        }
    }

    @Test
    void entriesBeyondTheCountAreDroppedWithOneLimitEntryAndTheRunSucceeds() {
        ExecutionResult result = executor.execute(request(
                "async function lambda() { for (let i = 0; i < 8; i++) console.info(i); return 1; }"));

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.logs()).hasSize(6);
        assertThat(result.logs().subList(0, 5)).extracting(LogLine::message).containsExactly("0", "1", "2", "3", "4");
        assertThat(result.logs().get(5).level()).isEqualTo(LogLevel.ERROR);
        assertThat(result.logs().get(5).message()).startsWith("com.switchboard.function.log-limit-reached: 3 log entries dropped");
    }

    /**
     * A run that logs in a loop: once an entry was dropped, later ones are counted but neither formatted nor copied to
     * the host (the extras' toJSON runs for the kept entries and the first dropped one only), and the next run on the
     * same warm context starts with an empty log again.
     */
    @Test
    void entriesPastAFullLogAreOnlyCountedAndTheNextRunLogsAfresh() {
        String code = """
                async function lambda() {
                  let formatted = 0;
                  const probe = { toJSON() { formatted++; return 'p'; } };
                  for (let i = 0; i < 1000; i++) console.log('e' + i, probe);
                  return formatted;
                }""";
        for (int run = 1; run <= 2; run++) {
            ExecutionResult result = executor.execute(request(code));

            assertThat(result.outcome()).as("run %d", run).isEqualTo(Outcome.OK);
            assertThat(result.resultJson()).as("entries formatted in run %d: 5 kept and the first dropped", run).isEqualTo("6");
            assertThat(result.logs()).hasSize(6);
            assertThat(result.logs().subList(0, 5)).extracting(LogLine::message).containsExactly("e0", "e1", "e2", "e3", "e4");
            assertThat(result.logs().get(5).message()).startsWith("com.switchboard.function.log-limit-reached: 995 log entries dropped");
        }
    }

    @Test
    void charactersOfMessageAndExtrasBeyondTheBudgetEndTheLog() {
        ExecutionResult result = executor.execute(request(
                "async function lambda() { console.info('a'.repeat(50)); console.info('b', {n: 'x'.repeat(20)}); console.info('c'); }"));

        assertThat(result.logs()).extracting(LogLine::message).containsExactly("a".repeat(50), "com.switchboard.function.log-limit-reached: "
                + "2 log entries dropped; a run keeps at most 5 entries and 64 characters of message and extras");
    }

    @Test
    void logsAreNeverPrintedToTheHostsStandardOutput() {
        var out = System.out;
        var captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            executor.execute(request("async function lambda() { console.log('secret line'); console.error('secret error'); }"));
        } finally {
            System.setOut(out);
        }

        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("secret");
    }
}
