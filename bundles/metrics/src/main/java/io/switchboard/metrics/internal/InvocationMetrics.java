package io.switchboard.metrics.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.switchboard.core.api.dispatch.AsyncOutcome;
import io.switchboard.core.api.dispatch.AsyncOutcomeListener;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.api.observe.PlatformObserver;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Counts what the core tells: invocations by outcome and trigger with their durations, runs in flight, 429s,
 * quarantines, schedule runs, and (as an {@link AsyncOutcomeListener}) retries and dead letters of asynchronous events.
 *
 * <p>Immediate, so one instance lives as long as the registry: as a delayed component it was disposed whenever its last
 * user let it go (the core, restarted by a configuration change) and made again on the next use, and the new instance's
 * runs-in-flight gauges were ignored by the registry, which kept reading the disposed instance's counters (frozen at
 * their last value). Its gauges are removed when it is deactivated, so an instance made later on the same registry
 * registers its own.
 */
@Component(service = {PlatformObserver.class, AsyncOutcomeListener.class}, immediate = true)
public final class InvocationMetrics implements PlatformObserver, AsyncOutcomeListener {

    private final MeterRegistry registry;
    private final LabelBudget labels;
    private final Duration[] buckets;
    /** The account label of each run in flight, by invocation id: a finish is matched to its start. */
    private final ConcurrentMap<String, String> running = new ConcurrentHashMap<>();
    /** Runs in flight per account label, each count with the gauge that reads it. */
    private final ConcurrentMap<String, InFlight> inFlight = new ConcurrentHashMap<>();
    /** Meters of finished runs by their labels (bounded by the label budget, the triggers and the outcomes). */
    private final ConcurrentMap<RunKey, Counter> finished = new ConcurrentHashMap<>();
    private final ConcurrentMap<Tags, Timer> durations = new ConcurrentHashMap<>();

    @Activate
    public InvocationMetrics(@Reference Meters meters) {
        this.registry = meters.registry();
        this.labels = meters.labels();
        this.buckets = meters.durationBuckets();
    }

    @Deactivate
    void deactivate() {
        inFlight.values().forEach(f -> registry.remove(f.gauge()));
        inFlight.clear();
    }

    @Override
    public void invocationStarted(String invocationId, String account, String functionId) {
        String accountLabel = labels.account(account);
        running.put(invocationId, accountLabel);
        inFlight(accountLabel).incrementAndGet();
    }

    @Override
    public void invocationFinished(InvocationRecord record) {
        String accountLabel = running.remove(record.id());
        if (accountLabel != null) {
            inFlight(accountLabel).decrementAndGet();
        }
        // Runs on the thread that finished the run (a webhook's request thread for a synchronous event): the meters
        // are looked up once per label set, since building a timer with its SLO buckets per run allocates arrays.
        Tags function = functionTags(record.account(), record.functionId());
        RunKey key = new RunKey(function, name(record.trigger()), name(record.outcome()));
        Counter runs = finished.get(key);
        if (runs == null) {
            runs = finished.computeIfAbsent(key, k -> Counter.builder("switchboard.invocations")
                    .description("Finished function runs by outcome and trigger")
                    .tags(k.function()).tag("trigger", k.trigger()).tag("outcome", k.outcome()).register(registry));
        }
        runs.increment();
        Timer duration = durations.get(function);
        if (duration == null) {
            duration = durations.computeIfAbsent(function, f -> Timer.builder("switchboard.invocation.duration")
                    .description("How long function runs took").tags(f).serviceLevelObjectives(buckets).register(registry));
        }
        duration.record(Duration.ofMillis(Math.max(0, record.durationMs())));
        if (record.trigger() == Trigger.SCHEDULE) {
            Counter.builder("switchboard.schedule.runs").description("Runs of functions fired by a schedule")
                    .tag("account", labels.account(record.account())).tag("outcome", name(record.outcome())).register(registry).increment();
        }
    }

    @Override
    public void capacityExceeded(String account, String functionId) {
        Counter.builder("switchboard.capacity.exceeded").description("Calls refused with 429 because a concurrency limit was full")
                .tags(functionTags(account, functionId)).register(registry).increment();
    }

    @Override
    public void quarantined(String account, String functionId) {
        Counter.builder("switchboard.quarantines").description("Times a function was put into quarantine")
                .tags(functionTags(account, functionId)).register(registry).increment();
    }

    @Override
    public void functionFinished(AsyncOutcome outcome) {
        if (outcome.outcome().outcome() == Outcome.OK) {
            return;
        }
        Tags tags = Tags.of("account", labels.account(outcome.account()), "event_type", outcome.eventTypeId());
        if (outcome.finalAttempt()) {
            Counter.builder("switchboard.async.dead.lettered").description("Tasks of asynchronous events that failed every attempt")
                    .tags(tags).register(registry).increment();
        } else {
            Counter.builder("switchboard.async.retries").description("Failed attempts of asynchronous tasks that will be retried")
                    .tags(tags).register(registry).increment();
        }
    }

    private AtomicInteger inFlight(String accountLabel) {
        return inFlight.computeIfAbsent(accountLabel, a -> {
            AtomicInteger count = new AtomicInteger();
            return new InFlight(count, Gauge.builder("switchboard.invocations.in.flight", count, AtomicInteger::get)
                    .description("Function runs going on now").tag("account", a).register(registry));
        }).count();
    }

    private Tags functionTags(String account, String functionId) {
        Tags tags = Tags.of("account", labels.account(account));
        return labels.functionsLabelled() ? tags.and("function", labels.function(account, functionId)) : tags;
    }

    private static String name(Enum<?> value) {
        return value == null ? "UNKNOWN" : value.name();
    }

    private record InFlight(AtomicInteger count, Gauge gauge) {
    }

    private record RunKey(Tags function, String trigger, String outcome) {
    }
}
