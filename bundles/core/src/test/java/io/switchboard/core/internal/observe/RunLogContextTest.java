package io.switchboard.core.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.InvocationRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.slf4j.event.Level;

class RunLogContextTest {

    private static InvocationRecord record() {
        return new InvocationRecord("inv-1", "acme", "fn-1", 1, null, null, Trigger.EXTERNAL, Instant.now(), 3, Outcome.OK, "1", null,
                List.of(new LogLine(Instant.now(), LogLevel.INFO, "hello\nforged line")));
    }

    @Test
    void theRunsIdsAreInTheMdcOfItsThreadWhileItRunsAndGoneAfter() {
        RunLogContext context = new RunLogContext(true, Level.INFO);

        context.invocationStarted("inv-1", "acme", "fn-1");
        assertThat(MDC.get("account")).isEqualTo("acme");
        assertThat(MDC.get("function")).isEqualTo("fn-1");
        assertThat(MDC.get("invocation")).isEqualTo("inv-1");

        context.invocationFinished(record());
        assertThat(MDC.get("account")).isNull();
        assertThat(MDC.get("function")).isNull();
        assertThat(MDC.get("invocation")).isNull();
    }

    @Test
    void aRunRefusedBeforeItStartedLeavesNoMdcBehind() {
        new RunLogContext(false, Level.INFO).invocationFinished(record());

        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }
}
