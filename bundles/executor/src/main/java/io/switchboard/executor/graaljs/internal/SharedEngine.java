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

    SharedEngine() {
        this.engine = newEngine(log);
        logImplementation(engine);
    }

    Engine engine() {
        return engine;
    }

    /**
     * Closes the engine, which cancels what still runs and waits for it. A run that could not be stopped would make that
     * wait endless, and the closing thread would hold the engine's lock, which Truffle's own shutdown hook needs, so the
     * JVM could not exit either: then the engine is closed by a thread of its own once those runs have ended (a run
     * slow to stop on a busy machine ends after all; one that never does keeps the engine until the JVM ends).
     */
    void close(UnstoppableRuns unstoppable) {
        if (unstoppable.count() == 0) {
            closeNow();
            return;
        }
        LOG.error("The GraalJS engine stays open until {} run(s) that could not be stopped end", unstoppable.count());
        Thread closer = new Thread(() -> {
            try {
                unstoppable.awaitNone();
                closeNow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "switchboard-js-engine-close");
        closer.setDaemon(true);
        closer.start();
    }

    private void closeNow() {
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
