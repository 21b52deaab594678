package io.switchboard.core.internal.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.execution.FunctionExecutor;
import io.switchboard.core.internal.observe.PlatformObservers;
import io.switchboard.core.internal.invocation.InvocationRecorder;

/**
 * How one function runs, whoever asked (a synchronous caller, an asynchronous task, a function call): the registered
 * {@link FunctionExecutor}, the concurrency limits per function and account, and the quarantine of noisy functions.
 * Its keys of {@code io.switchboard.core.dispatch} apply live ({@code @Modified}): a changed limit counts the runs in
 * flight, a changed quarantine setting starts a new quarantine (functions quarantined before are released).
 */
@Component(service = FunctionRuns.class, configurationPid = DispatcherImpl.PID)
public final class FunctionRuns {

    /**
     * Share of a stopped run's time its thread must have spent on CPU to count as busy: a run waiting on I/O spends
     * almost none, while a busy loop competing with ten other busy threads on two cores still gets about a fifth.
     */
    private static final double QUARANTINE_BUSY_SHARE = 0.1;
    private static final Logger LOG = LoggerFactory.getLogger(FunctionRuns.class);

    private final ConcurrencyLimiter limiter;
    private final AtomicReference<Quarantine> quarantine = new AtomicReference<>();
    private final FunctionRunner runner;
    private volatile QuarantineSettings quarantineSettings;

    private final ExecutorBinding executors;

    /** Told about runs and quarantines (metrics); runs work the same without. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile PlatformObservers observers;

    private record QuarantineSettings(int seconds, int slots, double cpuShare) {
        static QuarantineSettings of(DispatcherImpl.Config config) {
            return new QuarantineSettings(Math.max(0, config.quarantineSeconds()), config.quarantineSlots(), config.quarantineCpuShare());
        }

        Quarantine start() {
            return new Quarantine(Duration.ofSeconds(seconds), slots, cpuShare, QUARANTINE_BUSY_SHARE, System::nanoTime);
        }
    }

    @Activate
    public FunctionRuns(@Reference InvocationRecorder recorder, DispatcherImpl.Config config) {
        this(recorder, config, Clock.systemUTC());
    }

    FunctionRuns(InvocationRecorder recorder, DispatcherImpl.Config config, Clock clock) {
        this.limiter = new ConcurrencyLimiter(config.maxConcurrentPerFunction(), config.maxConcurrentPerAccount());
        this.executors = new ExecutorBinding(config.executorWaitMillis(), System::nanoTime);
        this.quarantineSettings = QuarantineSettings.of(config);
        this.quarantine.set(quarantineSettings.start());
        this.runner = new FunctionRunner(executors::await, recorder, clock, quarantine::get, new ResultCheck(new JsonSchemas()),
                PlatformObservers.current(() -> observers));
    }

    @Modified
    void modified(DispatcherImpl.Config config) {
        limiter.resize(config.maxConcurrentPerFunction(), config.maxConcurrentPerAccount());
        executors.waitAtMost(config.executorWaitMillis());
        QuarantineSettings changed = QuarantineSettings.of(config);
        if (!changed.equals(quarantineSettings)) {
            quarantineSettings = changed;
            quarantine.set(changed.start());
            LOG.info("Quarantine settings changed to {}: functions quarantined before are released", changed);
        }
    }

    /** Binds the observers; for use outside a framework (tests), where SCR would set the field. */
    void setObservers(PlatformObservers observers) {
        this.observers = observers;
    }

    /** Binds an executor (SCR binds a replacement before it unbinds the one replaced); runs waiting for one go on. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindExecutor")
    void bindExecutor(FunctionExecutor executor) {
        executors.bind(executor);
    }

    void unbindExecutor(FunctionExecutor executor) {
        executors.unbind(executor);
    }

    /** Binds the executor, or with null unbinds it; for use outside a framework (tests), where SCR would. */
    void setExecutor(FunctionExecutor executor) {
        if (executor == null) {
            executors.unbind(executors.current());
        } else {
            executors.bind(executor);
        }
    }

    /** The executor bound now, or null (a run asks {@link FunctionRunner}, which waits for one a while). */
    FunctionExecutor executor() {
        return executors.current();
    }

    /** Runs waiting for an executor now. */
    int waitingForAnExecutor() {
        return executors.waiting();
    }

    ConcurrencyLimiter limiter() {
        return limiter;
    }

    FunctionRunner runner() {
        return runner;
    }

    /** The quarantine in force (a changed setting replaces it). */
    Quarantine quarantine() {
        return quarantine.get();
    }
}
