package io.switchboard.core.internal.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.function.DeployedFunction;
import io.switchboard.core.internal.function.DeployedFunctions;

/**
 * The persisted queue of asynchronous events. An event and one task per selected function are stored in one
 * transaction before the event is acknowledged, with one lease row per task ({@link TaskLeases}); whichever instance
 * sharing the database claims a task's row runs it (the tasks of one event in parallel), retries a failure with
 * exponential backoff as often as the event type's {@code retries} say and dead-letters it after its last attempt.
 * A task is settled by a guarded update (only while it is pending), so a task run twice (its instance died after the
 * run; a takeover) counts once; a task taken over first looks for its successful run in the invocation records. When
 * an event's last task settles, the event settles as one unit ({@link EventSettlement}): one delivery of its combined
 * results, or none when a task was dead-lettered. Tasks wait (without using attempts) while no executor is registered
 * or their concurrency limit is full.
 */
final class AsyncQueue {

    /** How the queue works through its tasks. */
    record Settings(int workers, Duration backoff, Duration maxBackoff, Duration capacityRetry, Duration pollingInterval, Duration lease) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(AsyncQueue.class);

    private final Database database;
    private final DeployedFunctions functions;
    private final FunctionRunner runner;
    private final BooleanSupplier executorPresent;
    private final ConcurrencyLimiter limiter;
    private final EventCatalog catalog;
    private volatile Settings settings;
    private final Clock clock;
    private final EventTypeListeners<AsyncOutcomeListener> listeners;
    private final AsyncTaskRepository repository;
    private final EventSettlement settlement;
    private final String instanceName;
    private final boolean lockAndFetch;
    private volatile TaskLeases leases;
    private final AcceptedEvents accepted;

    AsyncQueue(Database database, DeployedFunctions functions, FunctionRunner runner, BooleanSupplier executorPresent,
            ConcurrencyLimiter limiter, EventCatalog catalog, Settings settings, Clock clock, EventTypeListeners<AsyncOutcomeListener> listeners,
            AsyncTaskRepository repository, EventSettlement settlement, String instanceName) {
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
        this.instanceName = instanceName;
        this.lockAndFetch = isPostgreSql(database);
        this.leases = leases(settings);
        this.accepted = new AcceptedEvents(database, repository, () -> leases, clock);
    }

    private static boolean isPostgreSql(Database database) {
        return database.withConnection("read the database's product", c -> c.getMetaData().getDatabaseProductName())
                .toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }

    private TaskLeases leases(Settings settings) {
        return new TaskLeases(database, instanceName, leaseSettings(settings), lockAndFetch, this::run);
    }

    private static TaskLeases.Settings leaseSettings(Settings settings) {
        return new TaskLeases.Settings(settings.workers(), settings.pollingInterval(), settings.lease());
    }

    /**
     * Applies changed settings: backoff and capacity retry at once; workers, polling and lease by restarting the
     * scheduler (it finishes its running tasks first, up to 10 s, and takes back what it had to leave).
     */
    synchronized void reconfigure(Settings changed) {
        Settings before = settings;
        settings = changed;
        if (!leaseSettings(before).equals(leaseSettings(changed))) {
            leases.close();
            leases = leases(changed);
            leases.start();
            LOG.info("Asynchronous task settings changed: {} worker(s), polling every {}, lease {}", changed.workers(),
                    changed.pollingInterval(), changed.lease());
        }
    }

    /** Re-queues what this instance was running when it stopped, then claims due tasks. */
    void start() {
        leases.start();
    }

    void stop() {
        accepted.close();
        // Waits up to 10 s for running tasks; rows still claimed then are revived at the next start (same instance name)
        // or taken over by another instance after the lease.
        leases.close();
        settlement.close();
    }

    /** Longest time from an instance's death to another one running its tasks. */
    Duration takeoverWithin() {
        return leaseSettings(settings).takeoverWithin();
    }

    /**
     * Persists the event, its tasks and their lease rows; returns when the event is durable. Events accepted at the
     * same time share one transaction (group commit), so concurrent callers do not queue for a commit each. An event
     * that selects no function is not stored: nothing runs, nothing settles, nothing is delivered.
     */
    void accept(AsyncEvent event, List<DeployedFunction> selected, String idempotencyKey) {
        if (selected.isEmpty()) {
            return;
        }
        long now = clock.millis();
        List<AsyncTask> tasks = selected.stream().map(f -> new AsyncTask(TimeOrderedIds.next(), event.id(), event.account(),
                f.functionId(), f.version(), 0, now, f.name())).toList();
        accepted.store(event, tasks, now, idempotencyKey);
        leases.wake();
    }

    /** The accept and settlement writers, when one died while the queue runs; empty while they live. */
    List<String> problems() {
        List<String> problems = new java.util.ArrayList<>(accepted.problems());
        problems.addAll(settlement.problems());
        return problems;
    }

    /** Adds the lease row of a task set back to pending (a retried dead letter), in the transaction open on {@code c}. */
    void requeue(java.sql.Connection c, String taskId) {
        leases.schedule(c, List.of(taskId), Instant.ofEpochMilli(clock.millis()));
    }

    /** For tests: this instance claims no more tasks (a dead process); the rows it holds keep their lease. */
    void stopClaiming() {
        leases.pause();
    }

    /** Makes this instance look for due tasks now. */
    void wake() {
        leases.wake();
    }

    /** Runs one claimed task; answers when to run it again, or null when it is settled. */
    private Instant run(String taskId, boolean suspect) {
        try {
            // The task and its event in one statement: this is every task's first read.
            Optional<AsyncTaskRepository.PendingTask> task = database.withConnection("read task " + taskId, c -> repository.pendingTask(c, taskId));
            if (task.isEmpty()) {
                // Settled already (by a run whose instance died before releasing the row): nothing to run.
                database.inTransaction("release task " + taskId, c -> {
                    TaskLeases.finish(c, taskId);
                    return null;
                });
                return null;
            }
            return handle(task.get().task(), task.get().event(), suspect);
        } catch (RuntimeException | OutOfMemoryError e) {
            // An OutOfMemoryError here is most often another's (a function filling the heap): the worker goes on.
            LOG.error("Asynchronous task {} failed in the platform; retrying in {}", taskId, settings.backoff(), e);
            return Instant.ofEpochMilli(clock.millis() + settings.backoff().toMillis());
        }
    }

    private Instant handle(AsyncTask task, AsyncEvent event, boolean suspect) {
        Optional<DeployedFunction> function = functions.stillDeployed(task.account(), task.functionId(), task.version());
        if (function.isEmpty()) {
            deadLetter(task, event, task.attempts(), "function " + task.functionId() + " v" + task.version() + " was undeployed before the event ran");
            return null;
        }
        // Only a task whose instance stopped while running it (a crash, a takeover) can have run to success before:
        // between storing its record and settling it. Other tasks are checked by nothing but their status.
        if (suspect) {
            Optional<FunctionOutcome> ranBefore = runner.successfulRun(function.get(), task.eventId(), event.createdAt());
            if (ranBefore.isPresent()) {
                LOG.info("Task {} of event {} already ran (invocation {}) before its instance stopped; not running it again",
                        task.id(), task.eventId(), ranBefore.get().invocationId());
                return settleAndTell(task, event, ranBefore.get());
            }
        }
        if (!executorPresent.getAsBoolean()) {
            // No executor (yet, e.g. right after a restart): accepted events wait for one instead of using up attempts.
            return waitInQueue();
        }
        Optional<Quarantine.Slot> slot = runner.admit(function.get());
        if (slot.isEmpty()) {
            // Quarantined and every quarantine slot busy: wait like a task whose capacity is full.
            return waitInQueue();
        }
        Optional<ConcurrencyLimiter.Permit> permit = limiter.tryAcquire(task.account(), task.functionId());
        if (permit.isEmpty()) {
            // Capacity is full: the task waits without using an attempt; the worker moves on.
            slot.get().close();
            return waitInQueue();
        }
        FunctionOutcome outcome;
        try (ConcurrencyLimiter.Permit held = permit.get(); Quarantine.Slot admitted = slot.get()) {
            outcome = runner.runDurably(function.get(), event.payloadJson(), context(event), admitted);
        }
        return settleAndTell(task, event, outcome);
    }

    /** The event's type as the catalogue has it now (its result contract), or none when its source is gone. */
    private InvocationContext context(AsyncEvent event) {
        EventTypeDefinition type = catalog.get(event.eventTypeId()).map(EventTypeView::definition).orElse(null);
        return new InvocationContext(type, event.id(), event.headers(), event.trigger(), 0);
    }

    private Instant settleAndTell(AsyncTask task, AsyncEvent event, FunctionOutcome outcome) {
        Optional<AsyncTask> retry;
        try {
            retry = settle(task, event, outcome);
        } catch (SettledElsewhere e) {
            LOG.warn("Task {} of event {} was settled by another run while this one ran (its lease was lost); this run does not count",
                    task.id(), task.eventId());
            return null;
        }
        // Told after the record is stored and the task settled, so a listener sees what the API shows.
        AsyncOutcome told = new AsyncOutcome(event.id(), event.account(), event.eventTypeId(), outcome, task.attempts() + 1, retry.isEmpty());
        listeners.tell(event.eventTypeId(), "the outcome of invocation " + outcome.invocationId() + " for event " + event.id(),
                listener -> listener.functionFinished(told));
        return retry.map(next -> Instant.ofEpochMilli(next.nextAttemptAt())).orElse(null);
    }

    private Instant waitInQueue() {
        return Instant.ofEpochMilli(clock.millis() + settings.capacityRetry().toMillis());
    }

    /** Stores how the task ended; the next attempt, or empty when it has none (done or dead-lettered). */
    private Optional<AsyncTask> settle(AsyncTask task, AsyncEvent event, FunctionOutcome outcome) {
        long now = clock.millis();
        if (outcome.outcome() == Outcome.OK) {
            if (!settlement.done(task, event, outcome.resultJson(), now)) {
                throw new SettledElsewhere();
            }
            return Optional.empty();
        }
        String error = outcome.outcome() + (outcome.error() == null ? "" : ": " + outcome.error().errorCode() + " " + outcome.error().errorMsg())
                + " (invocation " + outcome.invocationId() + ")";
        int attempts = task.attempts() + 1;
        if (attempts >= settlement.attempts(event.eventTypeId())) {
            if (!deadLetter(task, event, attempts, error)) {
                throw new SettledElsewhere();
            }
            return Optional.empty();
        }
        AsyncTask next = task.retried(now + backoff(attempts).toMillis());
        boolean counted = database.withConnection("reschedule task " + task.id(), c -> repository.markRetry(c, next, error, now));
        if (!counted) {
            throw new SettledElsewhere();
        }
        return Optional.of(next);
    }

    /** Another run settled or retried the task first. */
    private static final class SettledElsewhere extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SettledElsewhere() {
            super(null, null, false, false);
        }
    }

    private boolean deadLetter(AsyncTask task, AsyncEvent event, int attempts, String error) {
        if (!settlement.dead(task, event, attempts, error, clock.millis())) {
            return false;
        }
        LOG.warn("Gave up on function {} for event {} of account {} after {} attempt(s): {}", task.functionId(), task.eventId(),
                task.account(), attempts, SafeText.of(error));
        return true;
    }

    /** backoff * 2^(attempts-1), capped. */
    private Duration backoff(int attempts) {
        long factor = 1L << Math.min(attempts - 1, 30);
        Duration delay = settings.backoff().multipliedBy(factor);
        return delay.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : delay;
    }
}
