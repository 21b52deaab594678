package io.switchboard.executor.graaljs.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the engine's own log (Truffle's formatted log lines) to SLF4J through a pipe. The engine gets only
 * the pipe's JDK output stream: Truffle keeps an engine's log handler reachable after {@code Engine.close}
 * (from the JVM-wide {@code HotSpotTruffleRuntime.initializeCallTarget} and from queued compilation tasks), and
 * a handler whose class this bundle defined would pin the bundle's class loader after an update.
 */
final class EngineLogPipe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("io.switchboard.executor.graaljs.engine");
    static final String THREAD_NAME = "switchboard-executor-engine-log";

    private final Pipe pipe;
    private final OutputStream engineSide;
    private final Thread reader;

    /** A pipe whose lines go to the SLF4J logger {@code io.switchboard.executor.graaljs.engine}. */
    static EngineLogPipe toSlf4j() {
        return new EngineLogPipe(EngineLogPipe::log);
    }

    EngineLogPipe(BiConsumer<Severity, String> lines) {
        try {
            this.pipe = Pipe.open();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the pipe for the GraalJS engine log", e);
        }
        this.engineSide = Channels.newOutputStream(pipe.sink());
        this.reader = new Thread(() -> forward(lines), THREAD_NAME);
        reader.setDaemon(true);
        reader.start();
    }

    /** The stream to hand to {@code Engine.Builder.logHandler}; it holds no class of this bundle. */
    OutputStream engineSide() {
        return engineSide;
    }

    /** Closes the engine's side; lines already written are still forwarded, later writes fail in the engine. */
    @Override
    public void close() {
        try {
            pipe.sink().close();
            reader.join(TimeUnit.SECONDS.toMillis(2));
        } catch (IOException e) {
            LOG.warn("Closing the GraalJS engine log pipe failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forward(BiConsumer<Severity, String> lines) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(Channels.newInputStream(pipe.source()), StandardCharsets.UTF_8))) {
            Severity level = Severity.INFO;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                level = levelOf(line, level);
                // Engine messages may quote guest text (function names, messages): escaped and cut like any such text.
                lines.accept(level, LogText.safe(line));
            }
        } catch (IOException e) {
            LOG.warn("The GraalJS engine log pipe failed; later engine log lines are lost", e);
        }
    }

    /** Truffle writes {@code [engine] WARNING: text}; a line without such a prefix continues the previous one. */
    static Severity levelOf(String line, Severity previous) {
        int end = line.startsWith("[") ? line.indexOf("] ") : -1;
        if (end < 0) {
            return previous;
        }
        String rest = line.substring(end + 2);
        if (rest.startsWith("SEVERE:")) {
            return Severity.ERROR;
        } else if (rest.startsWith("WARNING:")) {
            return Severity.WARN;
        } else if (rest.startsWith("INFO:")) {
            return Severity.INFO;
        } else if (rest.startsWith("CONFIG:") || rest.startsWith("FINE")) {
            return Severity.DEBUG;
        }
        return previous;
    }

    private static void log(Severity severity, String line) {
        switch (severity) {
            case ERROR -> LOG.error(line);
            case WARN -> LOG.warn(line);
            case INFO -> LOG.info(line);
            case DEBUG -> LOG.debug(line);
        }
    }

    /** The SLF4J level a line is logged at. */
    enum Severity { ERROR, WARN, INFO, DEBUG }
}
