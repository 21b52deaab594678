package io.switchboard.executor.graaljs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.executor.graaljs.internal.EngineLogPipe.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.Test;

/** The engine's log reaches SLF4J through a pipe that holds no class of the bundle. */
class EngineLogPipeTest {

    private final List<String> received = new CopyOnWriteArrayList<>();

    @Test
    void linesKeepTheLevelTruffleWroteAndContinuationLinesKeepThePreviousOne() throws Exception {
        try (EngineLogPipe pipe = new EngineLogPipe((severity, line) -> received.add(severity + " " + line))) {
            OutputStream out = pipe.engineSide();
            out.write(("[engine] WARNING: slow\n  at frame\n[js] SEVERE: broken\n[engine] INFO: fine\n"
                    + "[engine] FINE: detail\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            awaitTrue(() -> received.size() == 5);
        }

        assertThat(received).containsExactly("WARN [engine] WARNING: slow", "WARN   at frame", "ERROR [js] SEVERE: broken",
                "INFO [engine] INFO: fine", "DEBUG [engine] FINE: detail");
    }

    @Test
    void engineLinesQuotingGuestTextAreEscapedAndCut() throws Exception {
        try (EngineLogPipe pipe = new EngineLogPipe((severity, line) -> received.add(line))) {
            OutputStream out = pipe.engineSide();
            out.write(("[engine] WARNING: opt failed for \u001b[2J" + "x".repeat(LogText.MAX_CHARS) + "\u0007 fake\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            awaitTrue(() -> received.size() == 1);
        }

        assertThat(received.get(0)).startsWith("[engine] WARNING: opt failed for \\u001b[2J").doesNotContain("\u001b", "\u0007")
                .endsWith(" more characters]").hasSizeLessThan(LogText.MAX_CHARS + 40);
    }

    @Test
    void closingEndsTheReaderAndLaterWritesFailInsteadOfBlocking() throws Exception {
        EngineLogPipe pipe = new EngineLogPipe((severity, line) -> received.add(line));
        OutputStream out = pipe.engineSide();

        pipe.close();

        awaitTrue(() -> readerThreads() == 0);
        assertThatThrownBy(() -> out.write("[engine] INFO: late\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void anEngineWritesItsWarningsIntoThePipe() throws Exception {
        // A deprecated option is a warning every engine logs, with or without the JIT.
        try (EngineLogPipe pipe = new EngineLogPipe((severity, line) -> received.add(severity + " " + line));
                Engine engine = Engine.newBuilder("js").logHandler(pipe.engineSide()).allowExperimentalOptions(true)
                        .option("engine.UseConservativeContextReferences", "false").build();
                Context context = Context.newBuilder("js").engine(engine).build()) {
            context.eval("js", "1 + 1");
            awaitTrue(() -> !received.isEmpty());
        }

        assertThat(received).anyMatch(line -> line.startsWith("WARN [engine] WARNING: Option 'engine.UseConservativeContextReferences'"));
    }

    private static long readerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(EngineLogPipe.THREAD_NAME)).count();
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
