package io.switchboard.executor.graaljs.internal;

import io.switchboard.core.api.execution.CallerRescue;
import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.FunctionExecutor;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.graalvm.polyglot.Engine;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GraalJS function executor: one shared engine, warm sandboxed contexts per function version, worker threads
 * of its own, a watchdog for time and memory, and the toolbelt modules registered as services. It is also the
 * {@code executor} health check (a {@code Supplier} of problems that {@code GET /health} reports).
 */
@Component(service = {FunctionExecutor.class, Supplier.class}, configurationPid = GraalJsExecutor.PID,
        property = GraalJsExecutor.HEALTH_CHECK + "=executor")
@Designate(ocd = GraalJsExecutor.Config.class)
public final class GraalJsExecutor implements FunctionExecutor, Supplier<List<String>> {
    static final String PID = "io.switchboard.executor.graaljs";
    /** The service property the health bundle finds its checks by. */
    static final String HEALTH_CHECK = "switchboard.health.check";
    private static final Logger LOG = LoggerFactory.getLogger(GraalJsExecutor.class);

    /** Limits and pool sizes of the executor; every value applies to each invocation unless it says otherwise. */
    @ObjectClassDefinition(name = "Switchboard GraalJS executor",
            description = "Sandbox limits and context pooling of the JavaScript function executor.")
    public @interface Config {
        @AttributeDefinition(name = "Maximum timeout (ms)", description = "Ceiling on a function's own timeout.", min = "1")
        long maxTimeoutMillis() default 60_000;

        @AttributeDefinition(name = "Log entries", description = "Console entries kept per invocation (LivePerson: 10); past "
                + "the limit one log-limit-reached error entry is kept.", min = "0")
        int maxLogLines() default 10;

        @AttributeDefinition(name = "Log characters",
                description = "Characters of console entries, message and extras, kept per invocation (LivePerson: 6,000).", min = "0")
        int maxLogChars() default 6_000;

        @AttributeDefinition(name = "Result size", description = "Characters of the result's JSON; a larger result is an error.", min = "1")
        int maxResultChars() default 1_048_576;

        @AttributeDefinition(name = "Error message size", description = "Characters of an error message; a longer one is cut.", min = "1")
        int maxErrorChars() default 4_096;

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

        // As many as the core runs at once per function (DispatcherImpl maxConcurrentPerFunction, 10): with fewer, a steady
        // load closes and rebuilds contexts all the time (SteadyLoadTest; 12 rebuilt in 2,400 calls of 8 callers with 4).
        @AttributeDefinition(name = "Idle contexts per version", description = "Warm contexts kept per function version; keep it at "
                + "least the per-function concurrency limit (10), or a steady load closes and rebuilds contexts.", min = "0")
        int poolSizePerVersion() default 10;

        @AttributeDefinition(name = "Idle contexts in total", description = "Warm contexts kept over all functions.", min = "0")
        int poolSizeTotal() default 256;

        @AttributeDefinition(name = "Idle time (s)", description = "A warm context unused this long is closed.", min = "1")
        long poolIdleSeconds() default 300;

        @AttributeDefinition(name = "Spare contexts", description = "Contexts prepared ahead on a background thread, so the "
                + "first call of a new function version only evaluates its own code; 0 prepares none.")
        int spareContexts() default 2;

        @AttributeDefinition(name = "Preloaded modules", description = "Modules the spare contexts require ahead (LivePerson "
                + "functions commonly use lodash and luxon); empty keeps every library loaded on first use only.")
        String[] preloadModules() default {"lodash", "luxon"};

        // Rebuilding a context re-runs the prelude and the preloaded libraries, and under load that set-up code becomes hot
        // enough for Truffle to compile (lodash's module body: 14 s of compile time and hundreds of MiB of compiler graph).
        // With 10,000 runs and 256 MiB per context, (a) at 5,000 events/s rebuilt a context about every 2 s and the engine
        // was still compiling 5 minutes after start (docs/benchmarks.md, "Round 4"); the heap threshold below is the
        // platform-wide guard against what contexts keep.
        @AttributeDefinition(name = "Runs per context", description = "A warm context is closed after this many runs; 0: no bound.")
        long contextMaxUses() default 1_000_000;

        @AttributeDefinition(name = "Allocation per context (MiB)", description = "A warm context is closed once its runs have "
                + "allocated this much in all since it was created (bounds what its globals can keep); 0: no bound.")
        long contextAllocationBudgetMegabytes() default 2048;

        // Most of what a run allocates is garbage: (b) of the bench allocates about 55 KB per run, so the budget alone
        // rebuilt a context every few seconds at 13,000 events/s and kept the JIT compiling the rebuilt set-up code
        // (docs/benchmarks.md, "Round 6"); what a context kept matters once the heap fills.
        @AttributeDefinition(name = "Allocation budget from heap (%)", description = "The allocation per context applies "
                + "only while the old generation after GC is at or above this share of its maximum; 0: always.")
        int contextAllocationBudgetHeapPercent() default 50;

        @AttributeDefinition(name = "Heap threshold (%)", description = "While the old generation after GC is above this share of "
                + "its maximum, idle contexts are closed and none is kept; 0: off.")
        int contextRecycleHeapPercent() default 75;

        @AttributeDefinition(name = "Stop grace (ms)", description = "How long past its deadline a cancelled run may take to end "
                + "before it counts as impossible to stop and its caller gets an answer without it.")
        long stopGraceMillis() default 5_000;

        @AttributeDefinition(name = "Worker threads", description = "Threads running guest code at most; a run beyond is refused.")
        int maxWorkerThreads() default 512;

        @AttributeDefinition(name = "Lower priority after (ms)", description = "A run still running after this long continues at "
                + "the lowest thread priority, so that short runs, the threads taking events in and the JIT come first "
                + "(applied by the operating system under -XX:ThreadPriorityPolicy=1, which bin/switchboard sets as root); "
                + "0: never.", min = "0")
        long lowerPriorityAfterMillis() default 50;

        @AttributeDefinition(name = "Run on the caller's thread", description = "Whether a synchronous event's only function runs "
                + "on the thread that took the event in, when that caller can be answered from another thread if the run cannot "
                + "be stopped (a webhook's or the LivePerson gateway's request); saves handing the run to a worker and back. "
                + "false: every run goes to a worker thread.")
        boolean runOnCallingThread() default true;
    }

    /** How often runs on callers' threads are checked for being past their deadline plus the grace. */
    static final long OVERDUE_SWEEP_MILLIS = 100;

    private final Clock clock = Clock.systemUTC();
    private final UnstoppableRuns unstoppable = new UnstoppableRuns(clock);
    private final ExecutorHealth health = new ExecutorHealth(clock, unstoppable);
    private final SharedEngine engine = new SharedEngine();
    private volatile ExecutorLimits limits;
    private final PoolSettings poolSettings;
    private final ToolbeltRegistry toolbelt = new ToolbeltRegistry();
    private final SandboxFactory sandbox;
    private final ContextPool pool;
    private final Watchdog watchdog;
    private final ScheduledExecutorService housekeeping;
    private final ThreadPoolExecutor canceller;
    private final WorkerPool workers;
    private final ContextRecycling recycling;
    private final InvocationRunner runner;
    private final CountDownLatch warmedUp = new CountDownLatch(1);
    private final long stopGraceNanos;
    private volatile boolean onCallingThread;

    @Activate
    public GraalJsExecutor(Config config) {
        this.limits = ExecutorLimits.of(config);
        this.poolSettings = PoolSettings.of(config);
        this.sandbox = new SandboxFactory(engine.engine(), config.statementLimit(), config.spareContexts(),
                List.of(config.preloadModules()), toolbelt::snapshot);
        this.pool = new ContextPool(config.poolSizePerVersion(), config.poolSizeTotal(),
                TimeUnit.SECONDS.toNanos(config.poolIdleSeconds()), () -> toolbelt.snapshot().generation());
        this.watchdog = new Watchdog(new AllocationMeter(), limits.allocationBudgetBytes());
        watchdog.demoteAfterNanos(TimeUnit.MILLISECONDS.toNanos(config.lowerPriorityAfterMillis()));
        this.recycling = new ContextRecycling(config.contextMaxUses(), config.contextAllocationBudgetMegabytes() * 1024L * 1024L,
                config.contextAllocationBudgetHeapPercent(), config.contextRecycleHeapPercent(),
                new HeapGauge()::percentUsedAfterCollection);
        this.runner = new InvocationRunner(sandbox, pool, watchdog, toolbelt, recycling, health);
        this.workers = new WorkerPool(config.maxWorkerThreads(), Duration.ofMillis(config.stopGraceMillis()), unstoppable, health);
        this.stopGraceNanos = TimeUnit.MILLISECONDS.toNanos(config.stopGraceMillis());
        this.onCallingThread = config.runOnCallingThread();
        this.canceller = daemonPool("switchboard-js-canceller-");
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "switchboard-executor-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        housekeeping.scheduleAtFixedRate(guarded("watchdog", watchdog::check), config.watchdogIntervalMillis(),
                config.watchdogIntervalMillis(), TimeUnit.MILLISECONDS);
        // Runs on callers' threads past their deadline and grace: given up and their callers answered (WorkerPool#runHere).
        housekeeping.scheduleAtFixedRate(guarded("overdue runs", () -> workers.rescueOverdue(false)), OVERDUE_SWEEP_MILLIS,
                OVERDUE_SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        long sweepSeconds = Math.max(1, Math.min(30, config.poolIdleSeconds() / 2));
        housekeeping.scheduleWithFixedDelay(guarded("pool eviction", () -> pool.evictIdle(System.nanoTime())),
                sweepSeconds, sweepSeconds, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(guarded("heap check", () -> {
            if (recycling.heapPressureStarted()) {
                pool.closeAll();
            }
        }), 1, 1, TimeUnit.SECONDS);
        // Off the activating thread (the framework's start-level thread): the platform answers sooner, and the
        // first functions may run while it warms up.
        Thread warmUp = new Thread(this::warmUpQuietly, "switchboard-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * Applies the per-invocation limits live (the runs that start next get them); a change of a key that sizes pools,
     * threads or the engine restarts this component, which no other component holds statically.
     */
    @Modified
    void modified(ComponentContext context, Config config) {
        if (!PoolSettings.of(config).equals(poolSettings)) {
            LOG.info("Executor pool settings changed: restarting the executor");
            String name = (String) context.getProperties().get(ComponentConstants.COMPONENT_NAME);
            // Not on this thread: Felix SCR calls @Modified inside the component's state change, and disableComponent
            // waits for that change to end, so called here it waited for ever. It held the configuration admin's one
            // event thread, and no later configuration change of any component applied (ExecutorRestartUnderLoadIT).
            Thread restart = new Thread(() -> {
                context.disableComponent(name);
                context.enableComponent(name);
            }, "switchboard-executor-restart");
            restart.setDaemon(true);
            restart.start();
            return;
        }
        limits = ExecutorLimits.of(config);
        watchdog.allocationBudgetBytes(limits.allocationBudgetBytes());
        watchdog.demoteAfterNanos(TimeUnit.MILLISECONDS.toNanos(config.lowerPriorityAfterMillis()));
        onCallingThread = config.runOnCallingThread();
        LOG.info("Executor limits changed: {}", limits);
    }

    private void warmUpQuietly() {
        try {
            warmUp();
        } catch (RuntimeException e) {
            // The executor was stopped while warming up (engine closed): nothing to warm any more.
            LOG.debug("Executor warm-up ended early: {}", e.toString());
        } finally {
            warmedUp.countDown();
        }
    }

    /** Waits until the warm-up runs are over, so tests that count contexts or threads see only their own. */
    boolean awaitWarmUp(Duration timeout) throws InterruptedException {
        return warmedUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs a function once, then again into an endless loop that the watchdog stops. The first cancellation of
     * running code in a JVM costs most of a second (Truffle's safepoint machinery warming up); paying it here
     * keeps the first real timeout within its bound. The warm-up's context is discarded with the timeout. The runs use
     * the warm-up's own thread, not a worker: no thread more, and a first cancellation that is slow on a busy machine is
     * not mistaken for a run that cannot be stopped.
     */
    private void warmUp() {
        long started = System.nanoTime();
        String code = "async function lambda(input) { if (input.loop) { for (;;) {} } return 1; }";
        runHere(warmUpRequest(code, "{}", Duration.ofSeconds(5)));
        runHere(warmUpRequest(code, "{\"loop\":true}", Duration.ofMillis(20)));
        LOG.debug("Executor warm-up took {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private void runHere(ExecutionRequest request) {
        Invocation invocation = new Invocation(request, limits, toolbelt::module, clock, canceller);
        invocation.runOn(Thread.currentThread());
        runner.run(invocation);
    }

    private static ExecutionRequest warmUpRequest(String code, String input, Duration timeout) {
        return new ExecutionRequest("warm-up", "switchboard", "switchboard-warm-up", "switchboard-warm-up@1", code, input,
                Map.of(), List.of(), timeout);
    }

    @Override
    public ExecutionResult execute(ExecutionRequest request) {
        Invocation invocation = new Invocation(request, limits, toolbelt::module, clock, canceller);
        if (unstoppable.holds(request.functionId())) {
            return unstoppableRefusal(invocation, request);
        }
        CallerRescue rescue = onCallingThread ? CallerRescue.current() : null;
        if (rescue != null && !WorkerPool.runningHere()) {
            return workers.runHere(invocation, runner::run, rescue);
        }
        return workers.run(invocation, runner::run);
    }

    /** Starts the run on a worker and returns at once; {@code waiter} is not needed (see {@link WorkerPool#start}). */
    @Override
    public CompletableFuture<ExecutionResult> start(ExecutionRequest request, Executor waiter) {
        Invocation invocation = new Invocation(request, limits, toolbelt::module, clock, canceller);
        if (unstoppable.holds(request.functionId())) {
            return CompletableFuture.completedFuture(unstoppableRefusal(invocation, request));
        }
        return workers.start(invocation, runner::run);
    }

    private static ExecutionResult unstoppableRefusal(Invocation invocation, ExecutionRequest request) {
        return invocation.result(new Invocation.Stop(FailureCode.UNSTOPPABLE, "an earlier run of function " + request.functionId()
                + " could not be stopped and still holds an executor thread; the function is refused until the platform restarts"));
    }

    /** Problems for {@code GET /health}: runs that could not be stopped, dead worker threads, heap exhaustion. */
    @Override
    public List<String> get() {
        return health.problems();
    }

    /**
     * The watchdog cancels a run at its deadline, toolbelt calls are bounded by it, and the caller stops waiting for a
     * run that could not be cancelled a grace period later.
     */
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
        // First stop the runs and wait for their threads (the watchdog and the cancellers still work meanwhile): the
        // engine may be closed only once no thread runs in it (InvocationRunner#stopAndDrain).
        boolean drained = runner.stopAndDrain(stopGraceNanos, unstoppable::count);
        workers.shutdown();
        housekeeping.shutdownNow();
        canceller.shutdownNow();
        sandbox.close();
        pool.close();
        String running = runner.inside() + " run(s) that could not be stopped" + (sandbox.closed() ? "" : " and the spare contexts' producer");
        engine.close(drained && sandbox.closed(), running, () -> {
            runner.awaitDrained();
            sandbox.awaitClosed();
        });
        LOG.info("GraalJS executor stopped");
    }

    private static ThreadPoolExecutor daemonPool(String prefix) {
        AtomicInteger numbers = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, prefix + numbers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Invocations running now; for tests and diagnostics. */
    int runningInvocations() {
        return watchdog.running();
    }

    /** Whether the engine is being closed or is closed; for tests. */
    boolean engineClosing() {
        return engine.closing();
    }

    /** Runs whose priority the watchdog lowered since the executor started; for tests and diagnostics. */
    long lowPriorityRuns() {
        return watchdog.demotions();
    }

    /** Spare contexts ready for new versions; for tests and benchmarks. */
    public int spareContexts() {
        return sandbox.spareContexts();
    }

    /** Threads that run guest code now or wait for the next run; for tests and diagnostics. */
    int workerThreads() {
        return workers.threads();
    }

    /** Contexts built since the executor started (spares and warm-up included); for tests and benchmarks. */
    long contextsCreated() {
        return sandbox.contextsCreated();
    }

    /** Warm contexts kept for later calls; for tests and diagnostics. */
    int idleContexts() {
        return pool.idleContexts();
    }

    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Executor {} failed; it runs again at its next tick", what, LogText.safe(e));
            }
        };
    }

}
