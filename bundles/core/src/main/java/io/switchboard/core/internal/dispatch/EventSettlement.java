package io.switchboard.core.internal.dispatch;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.dispatch.FunctionRun;
import io.switchboard.core.api.dispatch.SettledEvent;
import io.switchboard.core.api.dispatch.SettledEventListener;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.function.EventCatalog;
import io.switchboard.core.api.function.EventTypeView;
import io.switchboard.core.internal.db.Database;

/**
 * Settles the tasks of asynchronous events and, when a task was the last of its event, the event: in the transaction
 * that stores how the task ended, under a lock on the event's row, so that of two tasks of one event finishing at once
 * exactly one sees the event complete. The settled event is then told once to the {@link SettledEventListener}s: with
 * the combined results when every task is DONE, as dead-lettered when one is DEAD.
 */
final class EventSettlement {

    private static final Logger LOG = LoggerFactory.getLogger(EventSettlement.class);

    private final Database database;
    private final AsyncTaskRepository repository;
    private final EventCatalog catalog;
    private final EventTypeListeners<SettledEventListener> listeners;

    /** A settled event as read in its last task's transaction. */
    private record Settled(AsyncEvent event, List<AsyncTaskRepository.TaskResult> tasks, boolean dead) {
    }

    EventSettlement(Database database, AsyncTaskRepository repository, EventCatalog catalog, EventTypeListeners<SettledEventListener> listeners) {
        this.database = database;
        this.repository = repository;
        this.catalog = catalog;
        this.listeners = listeners;
    }

    /** The task ran to a valid result. */
    void done(AsyncTask task, String resultJson, long now) {
        settle(task, "complete task " + task.id(), c -> repository.markDone(c, task, resultJson, now));
    }

    /** The task failed its last attempt (or its function was undeployed): it is dead-lettered. */
    void dead(AsyncTask task, int attempts, String error, long now) {
        settle(task, "dead-letter task " + task.id(), c -> repository.markDead(c, task, attempts, error, now));
    }

    /** Attempts an event of the type makes per function: its retries plus one; one when its source is gone. */
    int attempts(String eventTypeId) {
        return catalog.get(eventTypeId).map(v -> v.definition().retries() + 1).orElse(1);
    }

    @FunctionalInterface
    private interface TaskUpdate {
        void apply(java.sql.Connection c) throws java.sql.SQLException;
    }

    private void settle(AsyncTask task, String what, TaskUpdate update) {
        Optional<Settled> settled = database.inTransaction(what, c -> {
            repository.lockEvent(c, task.eventId());
            update.apply(c);
            if (repository.openTasks(c, task.eventId()) > 0) {
                return Optional.<Settled>empty();
            }
            List<AsyncTaskRepository.TaskResult> tasks = repository.results(c, task.eventId());
            boolean dead = tasks.stream().anyMatch(t -> AsyncTaskRepository.DEAD.equals(t.status()));
            repository.setEventStatus(c, task.eventId(), dead ? AsyncTaskRepository.DEAD : AsyncTaskRepository.SETTLED);
            return repository.event(c, task.eventId()).map(event -> new Settled(event, tasks, dead));
        });
        settled.ifPresent(this::tell);
    }

    private void tell(Settled settled) {
        AsyncEvent event = settled.event();
        Optional<EventTypeDefinition> type = catalog.get(event.eventTypeId()).map(EventTypeView::definition);
        List<FunctionRun> functions = settled.tasks().stream()
                .map(t -> new FunctionRun(t.functionId(), t.functionName(), t.version())).toList();
        boolean delivered = !settled.dead() && type.isPresent();
        String combined = delivered
                ? ResultCombiner.combine(type.get().delivery(), settled.tasks().stream().map(AsyncTaskRepository.TaskResult::resultJson).toList())
                : null;
        if (settled.dead()) {
            LOG.warn("Event {} ({}) of account {} is dead-lettered: a function still failed after its retries; nothing is delivered",
                    event.id(), event.eventTypeId(), event.account());
        } else if (type.isEmpty()) {
            LOG.warn("Event {} of account {} settled, but no installed event source provides '{}' any more: its results are not delivered",
                    event.id(), event.account(), event.eventTypeId());
        }
        SettledEvent told = new SettledEvent(event.id(), event.account(), event.eventTypeId(), event.skillId(),
                type.map(EventTypeDefinition::delivery).orElse(null), delivered, combined, functions);
        int heard = listeners.tell(event.eventTypeId(), "settled event " + event.id(), listener -> listener.eventSettled(told));
        if (heard == 0 && delivered) {
            // No results route: its event source delivers nothing, or its routes are restarting (a configuration change).
            LOG.info("Event {} ({}) of account {} settled, but no results route listens for its type: nothing is delivered",
                    event.id(), event.eventTypeId(), event.account());
        }
    }
}
