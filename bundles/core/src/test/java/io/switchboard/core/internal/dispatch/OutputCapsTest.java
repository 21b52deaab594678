package io.switchboard.core.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.dispatch.DeadLetterInfo;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.internal.invocation.InvocationServiceImpl;
import io.switchboard.core.internal.invocation.OutputLimits;
import io.switchboard.core.internal.testing.Await;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.ScriptedExecutor;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestEvents;

/**
 * Issue 14, items 4 and 7: what a function hands back (error text, result, log lines) is cut to the configured limits
 * before it is answered or stored, and what of it reaches the server log is escaped and cut.
 */
class OutputCapsTest {

    private static final String END = "messaging_conversation_end";
    private static final String HUGE_ERROR = "boom\n2026-12-03 07:00:00.000 INFO  [main] forged line\n" + "E".repeat(20 * 1024 * 1024);

    private final CoreFixture core = new CoreFixture(TestEvents.conversationEnd(0));
    private InvocationServiceImpl invocations;
    private DispatcherImpl dispatcher;

    private void start(Function<ExecutionRequest, ExecutionResult> script, Object... invocationConfig) {
        invocations = new InvocationServiceImpl(core.database, core.quotas, TestConfigs.config(InvocationServiceImpl.Config.class, invocationConfig));
        dispatcher = new DispatcherImpl(core.catalog, core.deployedFunctions, invocations, core.database, core.bots,
                TestConfigs.config(DispatcherImpl.Config.class, "asyncBackoffMs", 1L), Clock.systemUTC());
        dispatcher.setExecutor(new ScriptedExecutor(script));
    }

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close();
            invocations.close();
        }
        core.close();
    }

    private FunctionOutcome invokeDirect() {
        var created = core.functions.create("acme", CoreFixture.spec("direct", null));
        core.functions.deploy("acme", created.id());
        return dispatcher.invoke("acme", "direct", "{}", List.of(), Trigger.EXTERNAL);
    }

    @Test
    void aTwentyMegabyteErrorIsAnsweredAndStoredCutToTheLimit() {
        start(r -> ScriptedExecutor.error("com.switchboard.function.error", HUGE_ERROR));

        FunctionOutcome outcome = invokeDirect();
        InvocationRecord stored = invocations.get("acme", outcome.invocationId());

        assertThat(outcome.error().errorMsg()).hasSizeLessThan(8_192 + 64).startsWith("boom\n").endsWith("more characters]");
        assertThat(stored.error().errorMsg()).isEqualTo(outcome.error().errorMsg());
    }

    @Test
    void aResultAboveTheLimitBecomesAnErrorNamingTheLimit() {
        start(r -> ScriptedExecutor.ok("\"" + "x".repeat(2_000) + "\""), "maxResultChars", 1_000);

        FunctionOutcome outcome = invokeDirect();

        assertThat(outcome.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(outcome.resultJson()).isNull();
        assertThat(outcome.error().errorCode()).isEqualTo(OutputLimits.RESULT_TOO_LARGE);
        assertThat(outcome.error().errorMsg()).contains("2002 characters", "at most 1000");
        assertThat(invocations.get("acme", outcome.invocationId()).resultJson()).isNull();
    }

    @Test
    void logLinesAreCutInNumberAndSizeWithANoteOfWhatWasLeftOut() {
        List<LogLine> lines = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            lines.add(new LogLine(Instant.now(), LogLevel.INFO, "line " + i + " " + "y".repeat(1_000)));
        }
        start(r -> new ExecutionResult(Outcome.OK, "1", null, lines, Duration.ofMillis(1)), "maxLogLines", 10, "maxLogChars", 5_000);

        List<LogLine> kept = invokeDirect().logs();

        assertThat(kept).hasSizeLessThanOrEqualTo(11);
        assertThat(kept.stream().mapToInt(l -> l.message().length()).sum()).isLessThan(5_000 + 11 * 64 + 200);
        assertThat(kept.get(kept.size() - 1).message()).contains("500 line(s)", "at most 10 lines");
    }

    @Test
    void anAsyncFunctionsErrorReachesTheServerLogEscapedAndCutAndItsDeadLetterIsCut() {
        start(r -> new ExecutionResult(Outcome.ERROR, null, new ExecutionError("com.switchboard.function.error", HUGE_ERROR), List.of(),
                Duration.ofMillis(1)));
        core.deployed("acme", "end", END);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            dispatcher.dispatch(new DispatchRequest("acme", END, "{\"conversationId\":\"c-1\",\"skillId\":\"s\"}", List.of(), Trigger.EVENT, "s", null, null, null));
            Await.until("the task is dead-lettered and logged", () -> !dispatcher.list("acme", 0, 10).items().isEmpty()
                    && captured.toString(StandardCharsets.UTF_8).contains("Gave up on function"));
        } finally {
            System.setErr(err);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        DeadLetterInfo dead = dispatcher.list("acme", 0, 10).items().get(0);

        assertThat(log).doesNotContain("\n2026-12-03 07:00:00.000 INFO  [main] forged line");
        assertThat(log).contains("boom\\n2026-12-03 07:00:00.000 INFO  [main] forged line\\n");
        assertThat(log.length()).isLessThan(20_000);
        assertThat(dead.lastError().length()).isLessThan(8_192 + 200);
    }
}
