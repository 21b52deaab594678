package io.switchboard.core.internal.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.switchboard.core.api.dispatch.AsyncOutcomeListener;
import io.switchboard.core.api.dispatch.CapacityExceededException;
import io.switchboard.core.api.dispatch.DeadLetterInfo;
import io.switchboard.core.api.dispatch.DeadLetters;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.DraftInvoker;
import io.switchboard.core.api.dispatch.EventDispatcher;
import io.switchboard.core.api.dispatch.FunctionCall;
import io.switchboard.core.api.dispatch.FunctionCalls;
import io.switchboard.core.api.dispatch.FunctionInvoker;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.dispatch.ImplementedEvents;
import io.switchboard.core.api.dispatch.SettledEventListener;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.dispatch.UnknownEventTypeException;
import io.switchboard.core.api.dispatch.UnknownFunctionException;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.execution.FunctionExecutor;
import io.switchboard.core.api.function.EventCatalog;
import io.switchboard.core.api.function.Page;
import io.switchboard.core.internal.bot.BotServiceImpl;
import io.switchboard.core.internal.db.DataAccessException;
import io.switchboard.core.internal.db.DataFolder;
import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.db.UniqueViolation;
import io.switchboard.core.internal.function.DeployedFunction;
import io.switchboard.core.internal.function.DeployedFunctions;
import io.switchboard.core.internal.id.TimeOrderedIds;
import io.switchboard.core.internal.invocation.InvocationRecorder;
import io.switchboard.core.internal.observe.PlatformObservers;

/**
 * Dispatch: validates an event's payload, selects the account's productive functions for it by the type's selection
 * rule ({@link EventSelector}) and runs them: synchronous events for the caller ({@link SyncEvents}), asynchronous ones
 * through the persisted queue ({@link AsyncTasks}). Also invokes single functions directly (deployed, or a draft as a test) and lets functions call
 * functions ({@link ChildCalls}). How a function runs (executor, limits, quarantine) is {@link FunctionRuns}'; dead
 * letters are {@link AsyncTasks}'. Each of the three is its own component on the one configuration
 * {@value #PID} and applies its keys live ({@code @Modified}): a changed key restarts none of them, so neither the REST
 * API nor the event sources' routes that depend on the dispatcher restart.
 */
@Component(service = {EventDispatcher.class, ImplementedEvents.class, FunctionInvoker.class, DraftInvoker.class, FunctionCalls.class,
        DispatcherImpl.class},
        configurationPid = DispatcherImpl.PID)
@Designate(ocd = DispatcherImpl.Config.class)
public class DispatcherImpl implements EventDispatcher, ImplementedEvents, FunctionInvoker, DraftInvoker, FunctionCalls {

    public static final String PID = "io.switchboard.core.dispatch";

    /** Concurrency limits, function-to-function calls and the asynchronous queue's retry policy. */
    @ObjectClassDefinition(name = "Switchboard dispatch", description = "Concurrency limits, function calls and asynchronous retries.")
    public @interface Config {
        @AttributeDefinition(description = "Invocations of one function that may run at once", min = "1")
        int maxConcurrentPerFunction() default 10;

        @AttributeDefinition(description = "Invocations of one account's functions that may run at once", min = "1")
        int maxConcurrentPerAccount() default 50;

        @AttributeDefinition(description = "Seconds a synchronous caller is told to wait when a concurrency limit is full",
                min = "1", max = "3600")
        int retryAfterSeconds() default 1;

        @AttributeDefinition(description = "How deep functions may call functions (a bot's INVOCATION action, an orchestrator): "
                + "a function run for an event is depth 0, the function it calls depth 1", min = "0", max = "32")
        int maxCallDepth() default 3;

        @AttributeDefinition(description = "Threads working through the asynchronous queue", min = "1", max = "256")
        int asyncWorkers() default 4;

        @AttributeDefinition(description = "Delay before the first retry of a failed function of an asynchronous event, in "
                + "milliseconds; doubled per attempt (how many retries: the event type's, see the family's configuration)", min = "0")
        long asyncBackoffMs() default 1_000;

        @AttributeDefinition(description = "Longest delay between retries, in milliseconds", min = "0")
        long asyncMaxBackoffMs() default 60_000;

        @AttributeDefinition(description = "Delay before a queued task that found its concurrency limit full, or no executor, is tried again, in milliseconds",
                min = "1")
        long asyncCapacityRetryMs() default 250;

        @AttributeDefinition(description = "How often an instance looks for due asynchronous tasks (retries, tasks taken over "
                + "from another instance), in milliseconds; tasks accepted here start at once", min = "10", max = "60000")
        long asyncPollingMillis() default 500;

        @AttributeDefinition(description = "Lease of a running asynchronous task, in seconds: an instance heartbeats its tasks ten "
                + "times per lease, and the tasks of an instance silent for a lease are taken over by another (within the lease "
                + "plus a fifth of it plus the polling interval: 25 s by default)", min = "1", max = "3600")
        int taskLeaseSeconds() default 20;

        @AttributeDefinition(description = "Time past a function's timeout after which a synchronous caller stops waiting for the executor, in milliseconds",
                min = "0")
        long executorGraceMs() default 5_000;

        @AttributeDefinition(description = "How long a run waits for the function executor while none is bound (a pool-setting change "
                + "restarts it, about half a second), counted from when it went away, in milliseconds; 0 = refuse at once "
                + "(com.switchboard.executor.unavailable)", min = "0", max = "60000")
        long executorWaitMillis() default 2_000;

        @AttributeDefinition(description = "Seconds a function stays quarantined after the executor stopped it (timeout, memory or statement "
                + "limit) while it kept its thread busy on CPU; 0 turns quarantine off", min = "0")
        int quarantineSeconds() default 60;

        @AttributeDefinition(description = "Runs of quarantined functions allowed at once over all accounts; others are REJECTED "
                + "(sync) or wait (async)", min = "1")
        int quarantineSlots() default 1;

        @AttributeDefinition(description = "CPU the runs of quarantined functions may use together, in cores (0.1 = a tenth of one "
                + "core, with bursts of up to ten seconds' worth); 0 = no CPU budget, only the slots", min = "0", max = "1024")
        double quarantineCpuShare() default 0.1;
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DispatcherImpl.class);

    private final EventCatalog catalog;
    private final DeployedFunctions functions;
    private final PayloadValidator validator;
    private final EventSelector selector;
    private final FunctionRuns runs;
    private final AsyncTasks asyncTasks;
    private final ExecutorService syncPool;
    private final Clock clock;
    private final IdempotencyKeys idempotencyKeys;
    private final EarlyRefusals refusals;
    /** What the keys of this component make: replaced as a whole by a configuration change. */
    private volatile Sync sync;
    /** Components this one made itself (outside a framework), closed with it. */
    private final List<Runnable> owned = new ArrayList<>();

    /** Told about refusals (metrics); dispatch works the same without. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile PlatformObservers observers;
    private final io.switchboard.core.api.observe.PlatformObserver observing = PlatformObservers.current(() -> observers);

    /** The synchronous paths as the configuration shapes them. */
    private record Sync(SyncRunner runner, SyncEvents events, ChildCalls calls, Duration retryAfter) {
    }

    @Activate
    public DispatcherImpl(@Reference EventCatalog catalog, @Reference DeployedFunctions functions, @Reference FunctionRuns runs,
            @Reference AsyncTasks asyncTasks, @Reference Database database, @Reference BotServiceImpl bots, Config config) {
        this.catalog = catalog;
        this.functions = functions;
        this.runs = runs;
        this.asyncTasks = asyncTasks;
        this.clock = Clock.systemUTC();
        JsonSchemas schemas = new JsonSchemas();
        this.validator = new PayloadValidator(schemas);
        this.selector = new EventSelector(functions, bots);
        AtomicInteger threads = new AtomicInteger();
        this.syncPool = Executors.newCachedThreadPool(r -> new Thread(r, "switchboard-sync-" + threads.incrementAndGet()));
        this.idempotencyKeys = new IdempotencyKeys(database);
        this.refusals = new EarlyRefusals(selector, runs);
        this.sync = sync(config);
    }

    /** Binds the observers; for use outside a framework (tests), where SCR would set the field. */
    void setObservers(PlatformObservers observers) {
        this.observers = observers;
        runs.setObservers(observers);
    }

    /** Outside a framework (tests): one instance per database, the same name after a restart. */
    public DispatcherImpl(EventCatalog catalog, DeployedFunctions functions, InvocationRecorder recorder, Database database, BotServiceImpl bots,
            Config config) {
        this(catalog, functions, recorder, database, bots, config, Clock.systemUTC());
    }

    /** Outside a framework (tests): one instance per database, the same name after a restart. */
    DispatcherImpl(EventCatalog catalog, DeployedFunctions functions, InvocationRecorder recorder, Database database, BotServiceImpl bots,
            Config config, Clock clock) {
        this(catalog, functions, recorder, database, bots, config, clock, "switchboard-test");
    }

    /** Outside a framework (tests): the three dispatch components made here, the instance named. */
    DispatcherImpl(EventCatalog catalog, DeployedFunctions functions, InvocationRecorder recorder, Database database, BotServiceImpl bots,
            Config config, Clock clock, String instanceName) {
        this(catalog, functions, new FunctionRuns(recorder, config, clock), database, bots, config, clock, instanceName);
    }

    private DispatcherImpl(EventCatalog catalog, DeployedFunctions functions, FunctionRuns runs, Database database, BotServiceImpl bots,
            Config config, Clock clock, String instanceName) {
        this(catalog, functions, runs, new AsyncTasks(runs, database, functions, catalog, config, clock, instanceName), database, bots, config);
        owned.add(asyncTasks::close);
    }

    private Sync sync(Config config) {
        SyncRunner runner = new SyncRunner(runs.runner(), syncPool, Duration.ofMillis(config.executorGraceMs()), runs::executor);
        ChildCalls calls = new ChildCalls(functions, runner, config.maxCallDepth(), clock);
        return new Sync(runner, new SyncEvents(runner, new BotInvocationAction(calls), clock, id -> runs.quarantine().refusal(id)), calls,
                Duration.ofSeconds(Math.max(1, config.retryAfterSeconds())));
    }

    /** A changed key applies to the next dispatch; runs in flight finish as they started. */
    @Modified
    void modified(Config config) {
        sync = sync(config);
        LOG.info("Dispatch configuration applied without a restart");
    }

    @Deactivate
    public void close() {
        owned.forEach(Runnable::run);
        syncPool.shutdownNow();
    }

    /** Binds the executor; for use outside a framework (tests), where SCR would bind it to {@link FunctionRuns}. */
    void setExecutor(FunctionExecutor executor) {
        runs.setExecutor(executor);
    }

    /** For tests: this instance claims no more asynchronous tasks, as a process that died would not. */
    void stopClaiming() {
        asyncTasks.stopClaiming();
    }

    /** For tests: adds an outcome listener (null: every type), as SCR binds them to {@link AsyncTasks}. */
    void addAsyncOutcomeListener(AsyncOutcomeListener listener, Object eventTypes) {
        asyncTasks.addAsyncOutcomeListener(listener, eventTypes);
    }

    /** For tests: adds a settled-event listener (null: every type), as SCR binds them to {@link AsyncTasks}. */
    void addSettledEventListener(SettledEventListener listener, Object eventTypes) {
        asyncTasks.addSettledEventListener(listener, eventTypes);
    }

    /** For tests: the dead letters of the asynchronous tasks this dispatcher queues. */
    public AsyncTasks deadLetters() {
        return asyncTasks;
    }

    /** For tests: the function runs (limits, quarantine, executor) this dispatcher uses. */
    FunctionRuns runs() {
        return runs;
    }

    /** Longest time from an instance's death to another one running its asynchronous tasks. */
    Duration takeoverWithin() {
        return asyncTasks.takeoverWithin();
    }

    @Override
    public DispatchResult dispatch(DispatchRequest untraced) {
        DispatchRequest request = EventTraces.traced(untraced);
        EventTypeDefinition event = definition(request.eventTypeId());
        String key = request.idempotencyKey();
        InvocationMode mode = request.mode() != null ? request.mode() : event.mode();
        EarlyRefusals.Early early = refusals.check(event, request, mode);
        if (early.refused() != null) {
            return early.refused();
        }
        validator.validate(event, request.payloadJson());
        Optional<String> earlier = key == null ? Optional.empty() : idempotencyKeys.eventOf(key);
        if (earlier.isPresent()) {
            return duplicate(key, earlier.get(), event);
        }
        EventSelector.Selection selection = early.selection() != null ? early.selection() : selector.select(event, request);
        List<DeployedFunction> selected = selection.functions();
        String eventId = TimeOrderedIds.next();
        if (mode == InvocationMode.ASYNC) {
            try {
                asyncTasks.accept(new AsyncEvent(eventId, request.account(), event.id(), request.payloadJson(), selection.headers(),
                        request.trigger(), System.currentTimeMillis(), event.supportsSkills() ? request.skillId() : null), selected, key);
            } catch (RuntimeException e) {
                // The same key accepted at the same time by another caller or instance: that one counts.
                Optional<String> raced = key == null ? Optional.empty() : idempotencyKeys.eventOf(key);
                if (raced.isPresent()) {
                    return duplicate(key, raced.get(), event);
                }
                throw e;
            }
            return new DispatchResult(eventId, InvocationMode.ASYNC, List.of(), event.delivery(), null, null);
        }
        if (key != null) {
            // Claimed before the functions run: a synchronous event whose caller is gone (a crash mid-run) is not run
            // again when redelivered; its source cannot get a reply then anyway.
            try {
                idempotencyKeys.claim(key, request.account(), eventId, System.currentTimeMillis());
            } catch (DataAccessException e) {
                if (UniqueViolation.causedBy(e)) {
                    return duplicate(key, idempotencyKeys.eventOf(key).orElse(eventId), event);
                }
                throw e;
            }
        }
        List<ConcurrencyLimiter.Permit> permits = runs.limiter().tryAcquireAll(request.account(), selected.stream().map(DeployedFunction::functionId).toList())
                .orElseThrow(() -> capacityExceeded(request.account(), null, "Event '" + event.id() + "' of account " + request.account()));
        InvocationContext context = InvocationContext.forEvent(event, eventId, selection.headers(), request.trigger());
        return sync.events().run(event, eventId, request.account(), selected, request.payloadJson(), context, permits);
    }

    @Override
    public boolean implemented(String account, String eventTypeId, String skillId) {
        return selector.implemented(definition(eventTypeId), account, skillId);
    }

    private static DispatchResult duplicate(String key, String eventId, EventTypeDefinition event) {
        LOG.debug("Event with idempotency key {} was accepted before as {}; not run again", key, eventId);
        return new DispatchResult(eventId, event.mode(), List.of(), event.delivery(), null, null);
    }

    @Override
    public FunctionOutcome invoke(String account, String functionRef, String payloadJson, List<Header> headers, Trigger trigger) {
        PayloadValidator.parse(payloadJson);
        DeployedFunction function = functions.deployed(account, functionRef).orElseThrow(() -> new UnknownFunctionException(
                "Account " + account + " has no deployed function '" + functionRef + "'; deploy it first"));
        return run(account, function, payloadJson, headers, trigger == null ? Trigger.EXTERNAL : trigger);
    }

    @Override
    public FunctionOutcome invokeDraft(String account, String functionRef, String payloadJson, List<Header> headers) {
        PayloadValidator.parse(payloadJson);
        DeployedFunction draft = functions.draft(account, functionRef).orElseThrow(() -> new UnknownFunctionException(
                "Account " + account + " has no function '" + functionRef + "'"));
        return run(account, draft, payloadJson, headers, Trigger.MANUAL);
    }

    private FunctionOutcome run(String account, DeployedFunction function, String payloadJson, List<Header> headers, Trigger trigger) {
        ConcurrencyLimiter.Permit permit = runs.limiter().tryAcquire(account, function.functionId())
                .orElseThrow(() -> capacityExceeded(account, function.functionId(), "Function '" + function.name() + "' of account " + account));
        InvocationContext context = InvocationContext.direct(headers == null ? List.of() : headers, trigger);
        return sync.runner().runAll(List.of(function), payloadJson, context, List.of(permit)).get(0);
    }

    @Override
    public FunctionOutcome call(FunctionCall call) {
        return sync.calls().call(call);
    }

    private EventTypeDefinition definition(String eventTypeId) {
        return catalog.get(eventTypeId).orElseThrow(() -> new UnknownEventTypeException(eventTypeId)).definition();
    }

    private CapacityExceededException capacityExceeded(String account, String functionId, String what) {
        observing.capacityExceeded(account, functionId);
        Duration retryAfter = sync.retryAfter();
        return new CapacityExceededException(what + " is at its concurrency limit; retry after " + retryAfter.toSeconds() + " s", retryAfter);
    }
}
