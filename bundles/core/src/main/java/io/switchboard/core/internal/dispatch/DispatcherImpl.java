package io.switchboard.core.internal.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
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
import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.db.UniqueViolation;
import io.switchboard.core.internal.function.DeployedFunction;
import io.switchboard.core.internal.function.DeployedFunctions;
import io.switchboard.core.internal.id.TimeOrderedIds;
import io.switchboard.core.internal.invocation.InvocationRecorder;

/**
 * Dispatch: validates an event's payload, selects the account's productive functions for it by the type's selection
 * rule ({@link EventSelector}) and runs them through the registered {@link FunctionExecutor}: synchronous events for
 * the caller ({@link SyncEvents}), asynchronous ones through the persisted queue ({@link AsyncQueue}), each settled as
 * one unit. Also invokes single functions directly (deployed, or a draft as a test), lets functions call functions ({@link ChildCalls}), and lists and
 * retries the queue's dead letters.
 */
// Also the "async-queue" health check: a Supplier of problems (dead asynchronous workers or accept writer).
@Component(service = {EventDispatcher.class, ImplementedEvents.class, FunctionInvoker.class, DraftInvoker.class, FunctionCalls.class,
        DeadLetters.class, DispatcherImpl.class, Supplier.class},
        configurationPid = DispatcherImpl.PID, property = "switchboard.health.check=async-queue")
@Designate(ocd = DispatcherImpl.Config.class)
public class DispatcherImpl implements EventDispatcher, ImplementedEvents, FunctionInvoker, DraftInvoker, FunctionCalls, DeadLetters,
        Supplier<List<String>> {

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

        @AttributeDefinition(description = "Time past a function's timeout after which a synchronous caller stops waiting for the executor, in milliseconds",
                min = "0")
        long executorGraceMs() default 5_000;

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

    /**
     * Share of a stopped run's time its thread must have spent on CPU to count as busy: a run waiting on I/O spends
     * almost none, while a busy loop competing with ten other busy threads on two cores still gets about a fifth.
     */
    private static final double QUARANTINE_BUSY_SHARE = 0.1;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DispatcherImpl.class);

    private final EventCatalog catalog;
    private final DeployedFunctions functions;
    private final PayloadValidator validator;
    private final EventSelector selector;
    private final ConcurrencyLimiter limiter;
    private final SyncRunner syncRunner;
    private final SyncEvents syncEvents;
    private final ChildCalls childCalls;
    private final AsyncQueue asyncQueue;
    private final DeadLetterOffice deadLetters;
    private final ExecutorService syncPool;
    private final Duration retryAfter;
    private final EventTypeListeners<AsyncOutcomeListener> outcomeListeners = new EventTypeListeners<>();
    private final EventTypeListeners<SettledEventListener> settledListeners = new EventTypeListeners<>();
    private final IdempotencyKeys idempotencyKeys;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile FunctionExecutor executor;

    @Activate
    public DispatcherImpl(@Reference EventCatalog catalog, @Reference DeployedFunctions functions, @Reference InvocationRecorder recorder,
            @Reference Database database, @Reference BotServiceImpl bots, Config config) {
        this(catalog, functions, recorder, database, bots, config, Clock.systemUTC());
    }

    DispatcherImpl(EventCatalog catalog, DeployedFunctions functions, InvocationRecorder recorder, Database database, BotServiceImpl bots,
            Config config, Clock clock) {
        this.catalog = catalog;
        this.functions = functions;
        JsonSchemas schemas = new JsonSchemas();
        this.validator = new PayloadValidator(schemas);
        this.selector = new EventSelector(functions, bots);
        this.limiter = new ConcurrencyLimiter(config.maxConcurrentPerFunction(), config.maxConcurrentPerAccount());
        FunctionRunner runner = new FunctionRunner(() -> executor, recorder, clock, new Quarantine(Duration.ofSeconds(Math.max(0,
                config.quarantineSeconds())), config.quarantineSlots(), config.quarantineCpuShare(), QUARANTINE_BUSY_SHARE, System::nanoTime),
                new ResultCheck(schemas));
        this.retryAfter = Duration.ofSeconds(Math.max(1, config.retryAfterSeconds()));
        AtomicInteger threads = new AtomicInteger();
        this.syncPool = Executors.newCachedThreadPool(r -> new Thread(r, "switchboard-sync-" + threads.incrementAndGet()));
        this.syncRunner = new SyncRunner(runner, syncPool, Duration.ofMillis(config.executorGraceMs()), () -> executor);
        this.childCalls = new ChildCalls(functions, syncRunner, config.maxCallDepth(), clock);
        this.syncEvents = new SyncEvents(syncRunner, new BotInvocationAction(childCalls), clock);
        AsyncTaskRepository repository = new AsyncTaskRepository();
        EventSettlement settlement = new EventSettlement(database, repository, catalog, settledListeners);
        this.asyncQueue = new AsyncQueue(database, functions, runner, () -> executor != null, limiter, catalog, new AsyncQueue.Settings(
                config.asyncWorkers(), Duration.ofMillis(config.asyncBackoffMs()), Duration.ofMillis(config.asyncMaxBackoffMs()),
                Duration.ofMillis(config.asyncCapacityRetryMs())), clock, outcomeListeners, repository, settlement);
        this.deadLetters = new DeadLetterOffice(database, repository, functions, asyncQueue::requeue, clock);
        this.idempotencyKeys = new IdempotencyKeys(database);
        asyncQueue.start();
    }

    /** Binds the executor; for use outside a framework (tests), where SCR would set the field. */
    void setExecutor(FunctionExecutor executor) {
        this.executor = executor;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindAsyncOutcomeListener(AsyncOutcomeListener listener, ServiceReference<AsyncOutcomeListener> reference) {
        addAsyncOutcomeListener(listener, reference.getProperty(AsyncOutcomeListener.EVENT_TYPE_ID));
    }

    void unbindAsyncOutcomeListener(AsyncOutcomeListener listener) {
        outcomeListeners.remove(listener);
    }

    /** Adds a listener with its {@value AsyncOutcomeListener#EVENT_TYPE_ID} property (null: every type); SCR binds through this too. */
    void addAsyncOutcomeListener(AsyncOutcomeListener listener, Object eventTypes) {
        outcomeListeners.add(listener, eventTypes);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindSettledEventListener(SettledEventListener listener, ServiceReference<SettledEventListener> reference) {
        addSettledEventListener(listener, reference.getProperty(SettledEventListener.EVENT_TYPE_ID));
    }

    void unbindSettledEventListener(SettledEventListener listener) {
        settledListeners.remove(listener);
    }

    /** Adds a listener with its {@value SettledEventListener#EVENT_TYPE_ID} property (null: every type); SCR binds through this too. */
    void addSettledEventListener(SettledEventListener listener, Object eventTypes) {
        settledListeners.add(listener, eventTypes);
    }

    @Deactivate
    public void close() {
        asyncQueue.stop();
        syncPool.shutdownNow();
    }

    @Override
    public DispatchResult dispatch(DispatchRequest request) {
        EventTypeDefinition event = definition(request.eventTypeId());
        validator.validate(event, request.payloadJson());
        String key = request.idempotencyKey();
        Optional<String> earlier = key == null ? Optional.empty() : idempotencyKeys.eventOf(key);
        if (earlier.isPresent()) {
            return duplicate(key, earlier.get(), event);
        }
        EventSelector.Selection selection = selector.select(event, request);
        List<DeployedFunction> selected = selection.functions();
        String eventId = TimeOrderedIds.next();
        InvocationMode mode = request.mode() != null ? request.mode() : event.mode();
        if (mode == InvocationMode.ASYNC) {
            try {
                asyncQueue.accept(new AsyncEvent(eventId, request.account(), event.id(), request.payloadJson(), selection.headers(),
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
        List<ConcurrencyLimiter.Permit> permits = limiter.tryAcquireAll(request.account(), selected.stream().map(DeployedFunction::functionId).toList())
                .orElseThrow(() -> capacityExceeded("Event '" + event.id() + "' of account " + request.account()));
        InvocationContext context = InvocationContext.forEvent(event, eventId, selection.headers(), request.trigger());
        return syncEvents.run(event, eventId, request.account(), selected, request.payloadJson(), context, permits);
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
        ConcurrencyLimiter.Permit permit = limiter.tryAcquire(account, function.functionId())
                .orElseThrow(() -> capacityExceeded("Function '" + function.name() + "' of account " + account));
        InvocationContext context = InvocationContext.direct(headers == null ? List.of() : headers, trigger);
        return syncRunner.runAll(List.of(function), payloadJson, context, List.of(permit)).get(0);
    }

    @Override
    public FunctionOutcome call(FunctionCall call) {
        return childCalls.call(call);
    }

    /** The health check: the asynchronous queue's worker threads must live. */
    @Override
    public List<String> get() {
        return asyncQueue.problems();
    }

    @Override
    public Page<DeadLetterInfo> list(String account, int page, int size) {
        return deadLetters.list(account, page, size);
    }

    @Override
    public DeadLetterInfo retry(String account, String taskId) {
        return deadLetters.retry(account, taskId);
    }

    private EventTypeDefinition definition(String eventTypeId) {
        return catalog.get(eventTypeId).orElseThrow(() -> new UnknownEventTypeException(eventTypeId)).definition();
    }

    private CapacityExceededException capacityExceeded(String what) {
        return new CapacityExceededException(what + " is at its concurrency limit; retry after " + retryAfter.toSeconds() + " s", retryAfter);
    }
}
