package io.switchboard.executor.graaljs.internal;

import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.FunctionExecutor;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Engine;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GraalJS function executor: one shared engine, warm sandboxed contexts per function version, a
 * watchdog for time and memory, and the toolbelt modules registered as services.
 */
@Component(service = FunctionExecutor.class, configurationPid = GraalJsExecutor.PID)
@Designate(ocd = GraalJsExecutor.Config.class)
public final class GraalJsExecutor implements FunctionExecutor {
    static final String PID = "io.switchboard.executor.graaljs";
    private static final Logger LOG = LoggerFactory.getLogger(GraalJsExecutor.class);

    /** Limits and pool sizes of the executor; every value applies to each invocation unless it says otherwise. */
    @ObjectClassDefinition(name = "Switchboard GraalJS executor",
            description = "Sandbox limits and context pooling of the JavaScript function executor.")
    public @interface Config {
        @AttributeDefinition(name = "Maximum timeout (ms)", description = "Ceiling on a function's own timeout.", min = "1")
        long maxTimeoutMillis() default 60_000;

        @AttributeDefinition(name = "Log lines", description = "Console lines kept per invocation; later ones are counted and dropped.",
                min = "0")
        int maxLogLines() default 100;

        @AttributeDefinition(name = "Log bytes", description = "UTF-8 bytes of console output kept per invocation.", min = "0")
        int maxLogBytes() default 65_536;

        @AttributeDefinition(name = "Result size", description = "Characters of the result's JSON; a larger result is an error.", min = "1")
        int maxResultChars() default 1_048_576;

        @AttributeDefinition(name = "Toolbelt calls", description = "HTTP requests and secret/context operations per invocation.",
                min = "0")
        int maxOutboundCalls() default 50;

        @AttributeDefinition(name = "Allocation budget (MiB)",
                description = "Bytes the invocation's thread may allocate (all allocation, not live heap); 0 turns the check off.",
                        min = "0")
        long allocationBudgetMegabytes() default 512;

        @AttributeDefinition(name = "Statement limit",
                description = "JavaScript statements per invocation, counted by the engine; 0 turns the limit off.", min = "0")
        long statementLimit() default 0;

        @AttributeDefinition(name = "Watchdog interval (ms)", description = "How often deadlines and allocation budgets are checked.",
                min = "1", max = "1000")
        int watchdogIntervalMillis() default 5;

        @AttributeDefinition(name = "Idle contexts per version", description = "Warm contexts kept per function version.", min = "0")
        int poolSizePerVersion() default 4;

        @AttributeDefinition(name = "Idle contexts in total", description = "Warm contexts kept over all functions.", min = "0")
        int poolSizeTotal() default 256;

        @AttributeDefinition(name = "Idle time (s)", description = "A warm context unused this long is closed.", min = "1")
        long poolIdleSeconds() default 300;
    }

    private final EngineLogPipe engineLog = EngineLogPipe.toSlf4j();
    private final Engine engine;
    private final ExecutorLimits limits;
    private final ToolbeltRegistry toolbelt = new ToolbeltRegistry();
    private final SandboxFactory sandbox;
    private final ContextPool pool;
    private final Watchdog watchdog;
    private final ScheduledExecutorService housekeeping;
    private final InvocationRunner runner;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public GraalJsExecutor(Config config) {
        this.limits = ExecutorLimits.of(config);
        this.engine = newEngine(engineLog);
        logImplementation(engine);
        this.sandbox = new SandboxFactory(engine, config.statementLimit());
        this.pool = new ContextPool(config.poolSizePerVersion(), config.poolSizeTotal(),
                TimeUnit.SECONDS.toNanos(config.poolIdleSeconds()), () -> toolbelt.snapshot().generation());
        this.watchdog = new Watchdog(new AllocationMeter(), limits.allocationBudgetBytes());
        this.runner = new InvocationRunner(sandbox, pool, watchdog, toolbelt);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "switchboard-executor-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        housekeeping.scheduleAtFixedRate(guarded("watchdog", watchdog::check), config.watchdogIntervalMillis(),
                config.watchdogIntervalMillis(), TimeUnit.MILLISECONDS);
        long sweepSeconds = Math.max(1, Math.min(30, config.poolIdleSeconds() / 2));
        housekeeping.scheduleWithFixedDelay(guarded("pool eviction", () -> pool.evictIdle(System.nanoTime())),
                sweepSeconds, sweepSeconds, TimeUnit.SECONDS);
        // Off the activating thread (the framework's start-level thread): the platform answers sooner, and the
        // first functions may run while it warms up.
        Thread warmUp = new Thread(this::warmUpQuietly, "switchboard-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private void warmUpQuietly() {
        try {
            warmUp();
        } catch (RuntimeException e) {
            // The executor was stopped while warming up (engine closed): nothing to warm any more.
            LOG.debug("Executor warm-up ended early: {}", e.toString());
        }
    }

    /**
     * Runs a function once, then again into an endless loop that the watchdog stops. The first cancellation of
     * running code in a JVM costs most of a second (Truffle's safepoint machinery warming up); paying it here
     * keeps the first real timeout within its bound. The warm-up's context is discarded with the timeout.
     */
    private void warmUp() {
        long started = System.nanoTime();
        String code = "async function lambda(input) { if (input.loop) { for (;;) {} } return 1; }";
        execute(warmUpRequest(code, "{}", Duration.ofSeconds(5)));
        execute(warmUpRequest(code, "{\"loop\":true}", Duration.ofMillis(20)));
        LOG.debug("Executor warm-up took {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private static ExecutionRequest warmUpRequest(String code, String input, Duration timeout) {
        return new ExecutionRequest("warm-up", "switchboard", "switchboard-warm-up", "switchboard-warm-up@1", code, input,
                Map.of(), List.of(), timeout);
    }

    @Override
    public ExecutionResult execute(ExecutionRequest request) {
        return runner.run(new Invocation(request, limits, toolbelt::module, clock));
    }

    /** The watchdog closes a run's context at its deadline and toolbelt calls are bounded by it. */
    @Override
    public boolean stopsFunctionsAtTheirTimeout() {
        return true;
    }

    @Reference(service = ToolbeltModule.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindToolbeltModule(ToolbeltModule module, Map<String, Object> properties) {
        toolbelt.add(module, properties.get(ToolbeltModule.NAME_PROPERTY));
    }

    void unbindToolbeltModule(ToolbeltModule module) {
        toolbelt.remove(module);
    }

    /** Stops the executor: running functions end as stopped, warm contexts and the engine are closed. */
    @Deactivate
    public void deactivate() {
        runner.stop();
        housekeeping.shutdownNow();
        pool.closeAll();
        engine.close(true);
        engineLog.close();
        LOG.info("GraalJS executor stopped");
    }

    /** Invocations running now; for tests and diagnostics. */
    int runningInvocations() {
        return watchdog.running();
    }

    /** Warm contexts kept for later calls; for tests and diagnostics. */
    int idleContexts() {
        return pool.idleContexts();
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

    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Executor {} failed; it runs again at its next tick", what, e);
            }
        };
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
