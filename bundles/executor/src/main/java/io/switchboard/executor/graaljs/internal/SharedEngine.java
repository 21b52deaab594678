package io.switchboard.executor.graaljs.internal;

import java.io.OutputStream;
import java.util.Locale;
import org.graalvm.polyglot.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The executor's one GraalJS engine, the pipe that carries its log, and how it is closed. */
final class SharedEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SharedEngine.class);

    private final EngineLogPipe log = EngineLogPipe.toSlf4j();
    private final Engine engine;
    private volatile boolean closing;

    SharedEngine() {
        this.engine = newEngine(log);
        logImplementation(engine);
    }

    Engine engine() {
        return engine;
    }

    /** What must be over before the engine may be closed. */
    @FunctionalInterface
    interface Quiet {
        void await() throws InterruptedException;
    }

    /**
     * Closes the engine, which cancels what still runs in it and waits for it. The caller has stopped its runs and waited
     * for their threads first ({@code quietNow}): closing while a thread still runs in a context can hang for ever, on a
     * run that cannot be stopped, or on a thread that is creating a language context and needs the engine's lock that
     * the closing thread holds (which Truffle's own shutdown hook needs too, so the JVM could not exit either). When
     * something still runs, a thread of its own closes the engine once {@code quiet} returns (a run slow to stop on a
     * busy machine ends after all; one that never does keeps the engine open until the JVM ends).
     *
     * @param running what still runs, for the log, when {@code quietNow} is false
     */
    void close(boolean quietNow, String running, Quiet quiet) {
        if (quietNow) {
            closeNow();
            return;
        }
        LOG.error("The GraalJS engine stays open until {} end(s)", running);
        Thread closer = new Thread(() -> {
            try {
                quiet.await();
                closeNow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "switchboard-js-engine-close");
        closer.setDaemon(true);
        closer.start();
    }

    /** Whether the engine is being closed or is closed; for tests. */
    boolean closing() {
        return closing;
    }

    private void closeNow() {
        closing = true;
        try {
            engine.close(true);
        } finally {
            log.close();
        }
    }

    /**
     * The engine gets only JDK objects (null streams, the log pipe's stream): Truffle keeps a closed engine's data
     * reachable after {@code close} (the first engine's for the JVM's lifetime), and an object of a class of this
     * bundle in it would pin the bundle's class loader after an update (docs/executor.md, "Lifecycle and hot redeploy").
     */
    private static Engine newEngine(EngineLogPipe engineLog) {
        try {
            return Engine.newBuilder(SandboxFactory.LANGUAGE)
                    .option("engine.WarnInterpreterOnly", "false")
                    .out(OutputStream.nullOutputStream())
                    .err(OutputStream.nullOutputStream())
                    .logHandler(engineLog.engineSide())
                    .build();
        } catch (RuntimeException e) {
            engineLog.close();
            throw e;
        }
    }

    private static void logImplementation(Engine engine) {
        String implementation = engine.getImplementationName();
        LOG.info("GraalJS executor started: engine {} {}, Java {}", implementation, engine.getVersion(),
                System.getProperty("java.version"));
        if (implementation.toLowerCase(Locale.ROOT).contains("interpret")) {
            LOG.warn("GraalJS runs without its JIT compiler ({}): CPU-bound functions run about 17x slower. Run on "
                    + "JDK 25 with -XX:+EnableJVMCI and the Graal compiler on --upgrade-module-path, as bin/switchboard does.",
                    implementation);
        }
    }
}
