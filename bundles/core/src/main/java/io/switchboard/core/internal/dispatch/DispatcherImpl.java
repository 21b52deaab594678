package io.switchboard.core.internal.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.core.api.dispatch.AsyncOutcomeListener;
import io.switchboard.core.api.dispatch.CapacityExceededException;
import io.switchboard.core.api.dispatch.DeadLetterInfo;
import io.switchboard.core.api.dispatch.DeadLetters;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.DraftInvoker;
import io.switchboard.core.api.dispatch.EventDispatcher;
import io.switchboard.core.api.dispatch.FunctionInvoker;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.dispatch.UnknownEventTypeException;
import io.switchboard.core.api.dispatch.UnknownFunctionException;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.FunctionExecutor;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.EventCatalog;
import io.switchboard.core.api.function.Page;
import io.switchboard.core.internal.id.TimeOrderedIds;
import io.switchboard.core.internal.db.DataAccessException;
import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.db.UniqueViolation;
import io.switchboard.core.internal.function.DeployedFunction;
import io.switchboard.core.internal.function.DeployedFunctions;
import io.switchboard.core.internal.invocation.InvocationRecorder;

/**
 * Dispatch: validates an event's payload, selects the account's productive functions for the event and skill,
 * and runs them through the registered {@link FunctionExecutor} — synchronous events in parallel for the
 * caller (a single function on the caller's thread when the executor stops functions at their timeout itself),
 * asynchronous ones through the persisted queue. Also invokes single functions directly (deployed, or a draft as a
 * test), and lists and retries the queue's dead letters.
 */
// Also the "async-queue" health check: a Supplier of problems (dead asynchronous workers or accept writer).
@Component(service = {EventDispatcher.class, FunctionInvoker.class, DraftInvoker.class, DeadLetters.class, DispatcherImpl.class, Supplier.class},
        configurationPid = DispatcherImpl.PID, property = "switchboard.health.check=async-queue")
@Designate(ocd = DispatcherImpl.Config.class)
public class DispatcherImpl implements EventDispatcher, FunctionInvoker, DraftInvoker, DeadLetters, Supplier<List<String>> {

    public static final String PID = "io.switchboard.core.dispatch";

    /** Concurrency limits and the asynchronous queue's retry policy. */
    @ObjectClassDefinition(name = "Switchboard dispatch", description = "Concurrency limits and asynchronous retries.")
    public @interface Config {
        @AttributeDefinition(description = "Invocations of one function that may run at once", min = "1")
        int maxConcurrentPerFunction() default 10;

        @AttributeDefinition(description = "Invocations of one account's functions that may run at once", min = "1")
        int maxConcurrentPerAccount() default 50;

        @AttributeDefinition(description = "Seconds a synchronous caller is told to wait when a concurrency limit is full",
                min = "1", max = "3600")
        int retryAfterSeconds() default 1;

        @AttributeDefinition(description = "Threads working through the asynchronous queue", min = "1", max = "256")
        int asyncWorkers() default 4;

        @AttributeDefinition(description = "Attempts per function of an asynchronous event before it is dead-lettered",
                min = "1", max = "100")
        int asyncMaxAttempts() default 5;

        @AttributeDefinition(description = "Delay before the first retry, in milliseconds; doubled per attempt", min = "0")
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
    private final PayloadValidator validator = new PayloadValidator();
    private final ConcurrencyLimiter limiter;
    private final FunctionRunner runner;
    private final AsyncQueue asyncQueue;
    private final DeadLetterOffice deadLetters;
    private final ExecutorService syncPool;
    private final Duration retryAfter;
    private final Duration grace;
    private final AsyncOutcomeListeners outcomeListeners = new AsyncOutcomeListeners();
    private final IdempotencyKeys idempotencyKeys;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile FunctionExecutor executor;

    @Activate
    public DispatcherImpl(@Reference EventCatalog catalog, @Reference DeployedFunctions functions, @Reference InvocationRecorder recorder,
            @Reference Database database, Config config) {
        this(catalog, functions, recorder, database, config, Clock.systemUTC());
    }

    DispatcherImpl(EventCatalog catalog, DeployedFunctions functions, InvocationRecorder recorder, Database database, Config config, Clock clock) {
        this.catalog = catalog;
        this.functions = functions;
        this.limiter = new ConcurrencyLimiter(config.maxConcurrentPerFunction(), config.maxConcurrentPerAccount());
        this.runner = new FunctionRunner(() -> executor, recorder, clock, new Quarantine(Duration.ofSeconds(Math.max(0, config.quarantineSeconds())),
                config.quarantineSlots(), config.quarantineCpuShare(), QUARANTINE_BUSY_SHARE, System::nanoTime));
        this.retryAfter = Duration.ofSeconds(Math.max(1, config.retryAfterSeconds()));
        this.grace = Duration.ofMillis(config.executorGraceMs());
        AtomicInteger threads = new AtomicInteger();
        this.syncPool = Executors.newCachedThreadPool(r -> new Thread(r, "switchboard-sync-" + threads.incrementAndGet()));
        this.asyncQueue = new AsyncQueue(database, functions, runner, () -> executor != null, limiter, new AsyncQueue.Settings(config.asyncWorkers(),
                Math.max(1, config.asyncMaxAttempts()), Duration.ofMillis(config.asyncBackoffMs()), Duration.ofMillis(config.asyncMaxBackoffMs()),
                Duration.ofMillis(config.asyncCapacityRetryMs())), clock, outcomeListeners);
        this.deadLetters = new DeadLetterOffice(database, functions, asyncQueue::requeue, clock);
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

    @Deactivate
    public void close() {
        asyncQueue.stop();
        syncPool.shutdownNow();
    }

    @Override
    public DispatchResult dispatch(DispatchRequest request) {
        EventTypeDefinition event = catalog.get(request.eventTypeId()).orElseThrow(() -> new UnknownEventTypeException(request.eventTypeId()))
                .definition();
        JsonNode payload = validator.validate(event, request.payloadJson());
        String key = request.idempotencyKey();
        Optional<String> earlier = key == null ? Optional.empty() : idempotencyKeys.eventOf(key);
        if (earlier.isPresent()) {
            return duplicate(key, earlier.get(), event.mode());
        }
        List<DeployedFunction> selected = functions.selectFor(request.account(), event.id(), skill(event, payload));
        String eventId = TimeOrderedIds.next();
        if (event.mode() == InvocationMode.ASYNC) {
            try {
                asyncQueue.accept(new AsyncEvent(eventId, request.account(), event.id(), request.payloadJson(), request.headers(),
                        request.trigger(), System.currentTimeMillis()), selected, key);
            } catch (RuntimeException e) {
                // The same key accepted at the same time by another caller or instance: that one counts.
                Optional<String> raced = key == null ? Optional.empty() : idempotencyKeys.eventOf(key);
                if (raced.isPresent()) {
                    return duplicate(key, raced.get(), event.mode());
                }
                throw e;
            }
            return new DispatchResult(eventId, InvocationMode.ASYNC, List.of());
        }
        if (key != null) {
            // Claimed before the functions run: a synchronous event whose caller is gone (a crash mid-run) is not run
            // again when redelivered; its source cannot get a reply then anyway.
            try {
                idempotencyKeys.claim(key, request.account(), eventId, System.currentTimeMillis());
            } catch (DataAccessException e) {
                if (UniqueViolation.causedBy(e)) {
                    return duplicate(key, idempotencyKeys.eventOf(key).orElse(eventId), event.mode());
                }
                throw e;
            }
        }
        List<ConcurrencyLimiter.Permit> permits = limiter.tryAcquireAll(request.account(), selected.stream().map(DeployedFunction::functionId).toList())
                .orElseThrow(() -> capacityExceeded("Event '" + event.id() + "' of account " + request.account()));
        InvocationContext context = new InvocationContext(event.id(), eventId, request.headers(), request.trigger());
        if (selected.size() == 1 && runsInline()) {
            return new DispatchResult(eventId, InvocationMode.SYNC, List.of(runHere(selected.get(0), request.payloadJson(), context, permits.get(0))));
        }
        List<Running> running = new ArrayList<>();
        for (int i = 0; i < selected.size(); i++) {
            running.add(submit(selected.get(i), request.payloadJson(), context, permits.get(i)));
        }
        List<FunctionOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < selected.size(); i++) {
            outcomes.add(await(running.get(i)));
        }
        return new DispatchResult(eventId, InvocationMode.SYNC, outcomes);
    }

    private static DispatchResult duplicate(String key, String eventId, InvocationMode mode) {
        LOG.debug("Event with idempotency key {} was accepted before as {}; not run again", key, eventId);
        return new DispatchResult(eventId, mode, List.of());
    }

    @Override
    public FunctionOutcome invoke(String account, String functionRef, String payloadJson, List<Header> headers, Trigger trigger) {
        PayloadValidator.parse(payloadJson);
        DeployedFunction function = functions.deployed(account, functionRef).orElseThrow(() -> new UnknownFunctionException(
                "Account " + account + " has no deployed function '" + functionRef + "'; deploy it first"));
        return run(account, function, payloadJson, headers, trigger == null ? Trigger.EXTERNAL : trigger);
    }

    private FunctionOutcome run(String account, DeployedFunction function, String payloadJson, List<Header> headers, Trigger trigger) {
        ConcurrencyLimiter.Permit permit = limiter.tryAcquire(account, function.functionId())
                .orElseThrow(() -> capacityExceeded("Function '" + function.name() + "' of account " + account));
        InvocationContext context = new InvocationContext(null, null, headers == null ? List.of() : headers, trigger);
        return runsInline() ? runHere(function, payloadJson, context, permit) : await(submit(function, payloadJson, context, permit));
    }

    @Override
    public FunctionOutcome invokeDraft(String account, String functionRef, String payloadJson, List<Header> headers) {
        PayloadValidator.parse(payloadJson);
        DeployedFunction draft = functions.draft(account, functionRef).orElseThrow(() -> new UnknownFunctionException(
                "Account " + account + " has no function '" + functionRef + "'"));
        return run(account, draft, payloadJson, headers, Trigger.MANUAL);
    }

    /** Whether one function may run on the caller's thread: the executor promises to stop it at its timeout. */
    private boolean runsInline() {
        FunctionExecutor current = executor;
        return current != null && current.stopsFunctionsAtTheirTimeout();
    }

    private FunctionOutcome runHere(DeployedFunction function, String payloadJson, InvocationContext context, ConcurrencyLimiter.Permit permit) {
        try (permit) {
            return runner.run(TimeOrderedIds.next(), function, payloadJson, context);
        }
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

    /** One function running on the sync pool, under an invocation id known before it starts. */
    private record Running(String invocationId, DeployedFunction function, CompletableFuture<FunctionOutcome> future) {
    }

    private Running submit(DeployedFunction function, String payloadJson, InvocationContext context, ConcurrencyLimiter.Permit permit) {
        String invocationId = TimeOrderedIds.next();
        try {
            return new Running(invocationId, function, CompletableFuture.supplyAsync(() -> {
                try (permit) {
                    return runner.run(invocationId, function, payloadJson, context);
                }
            }, syncPool));
        } catch (RuntimeException e) {
            permit.close();
            throw e;
        }
    }

    /**
     * Waits for one function; an executor that overruns the function's timeout is reported as a timeout (its
     * record is written under the same invocation id when it finally returns).
     */
    private FunctionOutcome await(Running running) {
        long budgetMs = running.function().timeout().plus(grace).toMillis();
        try {
            return running.future().get(budgetMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return notFinished(running, Outcome.TIMEOUT, "the executor did not return within " + budgetMs + " ms");
        } catch (ExecutionException e) {
            return notFinished(running, Outcome.ERROR, "the platform failed running the function: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return notFinished(running, Outcome.REJECTED, "the caller was interrupted while waiting");
        }
    }

    private static FunctionOutcome notFinished(Running running, Outcome outcome, String message) {
        DeployedFunction function = running.function();
        return new FunctionOutcome(running.invocationId(), function.functionId(), function.name(), function.version(), outcome, null,
                new ExecutionError("com.switchboard.dispatch." + outcome.name().toLowerCase(java.util.Locale.ROOT), message), List.of());
    }

    private CapacityExceededException capacityExceeded(String what) {
        return new CapacityExceededException(what + " is at its concurrency limit; retry after " + retryAfter.toSeconds() + " s", retryAfter);
    }

    /** The skill the payload names at the event's skill pointer, or null. */
    private static String skill(EventTypeDefinition event, JsonNode payload) {
        if (!event.supportsSkills()) {
            return null;
        }
        JsonNode skill = payload.at(event.skillPointer());
        return skill.isMissingNode() || skill.isNull() || skill.isContainerNode() ? null : skill.asText();
    }
}
