package io.switchboard.core.internal.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.log.SafeText;
import io.switchboard.core.api.dispatch.AsyncOutcome;
import io.switchboard.core.api.dispatch.AsyncOutcomeListener;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.EventCatalog;
import io.switchboard.core.api.function.EventTypeView;
import io.switchboard.core.internal.id.TimeOrderedIds;
import io.switchboard.core.internal.health.WorkerLife;
import io.switchboard.core.internal.db.BatchWriter;
import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.function.DeployedFunction;
import io.switchboard.core.internal.function.DeployedFunctions;

/**
 * The persisted queue of asynchronous events. An event and one task per selected function are stored in one
 * transaction before the event is acknowledged; workers run due tasks (the tasks of one event in parallel), retry a
 * failure with exponential backoff as often as the event type's {@code retries} say and dead-letter a task after its
 * last attempt. When an event's last task settles, the event settles as one unit ({@link EventSettlement}): one
 * delivery of its combined results, or none when a task was dead-lettered. Pending tasks are re-queued when the queue
 * starts. Tasks wait (without using attempts) while no executor is registered or their concurrency limit is full.
 */
final class AsyncQueue {

    /** How the queue works through its tasks. */
    record Settings(int workers, Duration backoff, Duration maxBackoff, Duration capacityRetry) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(AsyncQueue.class);
    private static final Duration ACCEPT_WAIT = Duration.ofSeconds(30);
    private static final int ACCEPT_BATCH = 500;
    private static final int ACCEPT_QUEUE_BYTES = 16 << 20;

    private final Database database;
    private final DeployedFunctions functions;
    private final FunctionRunner runner;
    private final BooleanSupplier executorPresent;
    private final ConcurrencyLimiter limiter;
    private final EventCatalog catalog;
    private final Settings settings;
    private final Clock clock;
    private final EventTypeListeners<AsyncOutcomeListener> listeners;
    private final AsyncTaskRepository repository;
    private final EventSettlement settlement;
    private final DelayQueue<Due> queue = new DelayQueue<>();
    private final ExecutorService workers;
    private final WorkerLife life = new WorkerLife("asynchronous worker");
    private final BatchWriter<Accepted> acceptWriter;
    /** Ids of tasks found pending at start that have not been checked for a successful run before the stop yet. */
    private final Set<String> recovered = ConcurrentHashMap.newKeySet();

    AsyncQueue(Database database, DeployedFunctions functions, FunctionRunner runner, BooleanSupplier executorPresent,
            ConcurrencyLimiter limiter, EventCatalog catalog, Settings settings, Clock clock, EventTypeListeners<AsyncOutcomeListener> listeners,
            AsyncTaskRepository repository, EventSettlement settlement) {
        this.database = database;
        this.functions = functions;
        this.runner = runner;
        this.executorPresent = executorPresent;
        this.limiter = limiter;
        this.catalog = catalog;
        this.settings = settings;
        this.clock = clock;
        this.listeners = listeners;
        this.repository = repository;
        this.settlement = settlement;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, settings.workers()),
                r -> new Thread(r, "switchboard-async-" + threads.incrementAndGet()));
        this.acceptWriter = acceptWriter();
    }

    /** Re-queues what was pending when the platform stopped, then starts the workers. */
    void start() {
        List<AsyncTask> pending = database.withConnection("load pending async tasks", repository::pending);
        pending.forEach(task -> recovered.add(task.id()));
        pending.forEach(task -> queue.add(new Due(task)));
        if (!pending.isEmpty()) {
            LOG.info("Re-queued {} pending asynchronous task(s)", pending.size());
        }
        for (int i = 0; i < Math.max(1, settings.workers()); i++) {
            workers.execute(life.watched(this::work));
        }
    }

    void stop() {
        acceptWriter.close(ACCEPT_WAIT);
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Asynchronous workers still busy after 10 s; their tasks stay pending and run after the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Persists the event and its tasks, then queues the tasks; returns when the event is durable. Events accepted at
     * the same time share one transaction (group commit), so concurrent callers do not queue for a commit each. An
     * event that selects no function is not stored: nothing runs, nothing settles, nothing is delivered.
     */
    void accept(AsyncEvent event, List<DeployedFunction> selected, String idempotencyKey) {
        if (selected.isEmpty()) {
            return;
        }
        long now = clock.millis();
        List<AsyncTask> tasks = selected.stream().map(f -> new AsyncTask(TimeOrderedIds.next(), event.id(), event.account(),
                f.functionId(), f.version(), 0, now, f.name())).toList();
        acceptWriter.writeAndWait(new Accepted(event, tasks, now, idempotencyKey), ACCEPT_WAIT);
        tasks.forEach(task -> queue.add(new Due(task)));
    }

    /** An event, its tasks and its idempotency key (or null), stored together. */
    private record Accepted(AsyncEvent event, List<AsyncTask> tasks, long now, String idempotencyKey) {
    }

    private BatchWriter<Accepted> acceptWriter() {
        return new BatchWriter<>("switchboard-async-accept-writer", "accepted asynchronous events",
                a -> "asynchronous event " + a.event().id() + " of account " + a.event().account(),
                a -> 1024 + 2 * a.event().payloadJson().length(),
                accepted -> database.inTransaction("accept " + accepted.size() + " asynchronous event(s)", c -> {
                    for (Accepted a : accepted) {
                        if (a.idempotencyKey() != null) {
                            IdempotencyKeys.insert(c, a.idempotencyKey(), a.event().account(), a.event().id(), a.now());
                        }
                        repository.insertEvent(c, a.event());
                        for (AsyncTask task : a.tasks()) {
                            repository.insertTask(c, task, a.now());
                        }
                    }
                    return null;
                }), ACCEPT_BATCH, ACCEPT_QUEUE_BYTES, Duration.ZERO);
    }

    /** Workers and the accept writer that died while the queue runs; empty while all live. */
    List<String> problems() {
        List<String> problems = new java.util.ArrayList<>(life.problems());
        problems.addAll(acceptWriter.problems());
        return problems;
    }

    /** Queues a task whose row was set back to pending (a retried dead letter). */
    void requeue(AsyncTask task) {
        queue.add(new Due(task));
    }

    private void work() {
        while (!Thread.currentThread().isInterrupted()) {
            AsyncTask task;
            try {
                task = queue.take().task();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                handle(task);
            } catch (RuntimeException | OutOfMemoryError e) {
                // An OutOfMemoryError here is most often another's (a function filling the heap): the worker goes on.
                LOG.error("Asynchronous task {} of event {} failed in the platform; retrying in {}", task.id(), task.eventId(),
                        settings.backoff(), e);
                queue.add(new Due(task.dueAt(clock.millis() + settings.backoff().toMillis())));
            }
        }
    }

    private void handle(AsyncTask task) {
        Optional<DeployedFunction> function = functions.stillDeployed(task.account(), task.functionId(), task.version());
        if (function.isEmpty()) {
            deadLetter(task, task.attempts(), "function " + task.functionId() + " v" + task.version() + " was undeployed before the event ran");
            return;
        }
        // Only a task found pending at start can have run to success before (the platform stopped between storing
        // its record and settling it); tasks accepted or retried since then are checked by nothing but their status.
        if (recovered.contains(task.id())) {
            AsyncEvent event = event(task);
            Optional<FunctionOutcome> ranBefore = runner.successfulRun(function.get(), task.eventId(), event.createdAt());
            recovered.remove(task.id());
            if (ranBefore.isPresent()) {
                LOG.info("Task {} of event {} already ran (invocation {}) before the platform stopped; not running it again",
                        task.id(), task.eventId(), ranBefore.get().invocationId());
                settleAndTell(task, event, ranBefore.get());
                return;
            }
        }
        if (!executorPresent.getAsBoolean()) {
            // No executor (yet, e.g. right after a restart): accepted events wait for one instead of using up attempts.
            waitInQueue(task);
            return;
        }
        Optional<Quarantine.Slot> slot = runner.admit(function.get());
        if (slot.isEmpty()) {
            // Quarantined and every quarantine slot busy: wait like a task whose capacity is full.
            waitInQueue(task);
            return;
        }
        Optional<ConcurrencyLimiter.Permit> permit = limiter.tryAcquire(task.account(), task.functionId());
        if (permit.isEmpty()) {
            // Capacity is full: the task waits in the queue without using an attempt; the worker moves on.
            slot.get().close();
            waitInQueue(task);
            return;
        }
        FunctionOutcome outcome;
        AsyncEvent event;
        try (ConcurrencyLimiter.Permit held = permit.get(); Quarantine.Slot admitted = slot.get()) {
            event = event(task);
            outcome = runner.runDurably(function.get(), event.payloadJson(), context(event), admitted);
        }
        settleAndTell(task, event, outcome);
    }

    /** The event's type as the catalogue has it now (its result contract), or none when its source is gone. */
    private InvocationContext context(AsyncEvent event) {
        EventTypeDefinition type = catalog.get(event.eventTypeId()).map(EventTypeView::definition).orElse(null);
        return new InvocationContext(type, event.id(), event.headers(), event.trigger(), 0);
    }

    private AsyncEvent event(AsyncTask task) {
        return database.withConnection("read event " + task.eventId(), c -> repository.event(c, task.eventId()))
                .orElseThrow(() -> new IllegalStateException("Event " + task.eventId() + " of task " + task.id() + " is missing"));
    }

    private void settleAndTell(AsyncTask task, AsyncEvent event, FunctionOutcome outcome) {
        Optional<AsyncTask> retry = settle(task, event, outcome);
        // Told after the record is stored and the task settled, so a listener sees what the API shows, and before
        // a retry is queued, so listeners hear the attempts of one task in order.
        AsyncOutcome told = new AsyncOutcome(event.id(), event.account(), event.eventTypeId(), outcome, task.attempts() + 1, retry.isEmpty());
        listeners.tell(event.eventTypeId(), "the outcome of invocation " + outcome.invocationId() + " for event " + event.id(),
                listener -> listener.functionFinished(told));
        retry.ifPresent(next -> queue.add(new Due(next)));
    }

    private void waitInQueue(AsyncTask task) {
        queue.add(new Due(task.dueAt(clock.millis() + settings.capacityRetry().toMillis())));
    }

    /** Stores how the task ended; the next attempt to queue, or empty when it has none (done or dead-lettered). */
    private Optional<AsyncTask> settle(AsyncTask task, AsyncEvent event, FunctionOutcome outcome) {
        long now = clock.millis();
        if (outcome.outcome() == Outcome.OK) {
            settlement.done(task, outcome.resultJson(), now);
            return Optional.empty();
        }
        String error = outcome.outcome() + (outcome.error() == null ? "" : ": " + outcome.error().errorCode() + " " + outcome.error().errorMsg())
                + " (invocation " + outcome.invocationId() + ")";
        int attempts = task.attempts() + 1;
        if (attempts >= settlement.attempts(event.eventTypeId())) {
            deadLetter(task, attempts, error);
            return Optional.empty();
        }
        AsyncTask next = task.retried(now + backoff(attempts).toMillis());
        database.withConnection("reschedule task " + task.id(), c -> {
            repository.markRetry(c, next, error, now);
            return null;
        });
        return Optional.of(next);
    }

    private void deadLetter(AsyncTask task, int attempts, String error) {
        settlement.dead(task, attempts, error, clock.millis());
        LOG.warn("Gave up on function {} for event {} of account {} after {} attempt(s): {}", task.functionId(), task.eventId(),
                task.account(), attempts, SafeText.of(error));
    }

    /** backoff * 2^(attempts-1), capped. */
    private Duration backoff(int attempts) {
        long factor = 1L << Math.min(attempts - 1, 30);
        Duration delay = settings.backoff().multipliedBy(factor);
        return delay.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : delay;
    }

    /** A task in the delay queue, due at its next attempt time. */
    private final class Due implements Delayed {
        private final AsyncTask task;

        Due(AsyncTask task) {
            this.task = task;
        }

        AsyncTask task() {
            return task;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(task.nextAttemptAt() - clock.millis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(task.nextAttemptAt(), ((Due) other).task.nextAttemptAt());
        }
    }
}
