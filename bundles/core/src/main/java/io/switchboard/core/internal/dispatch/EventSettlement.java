package io.switchboard.core.internal.dispatch;

import java.time.Duration;
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
import io.switchboard.core.internal.db.BatchWriter;
import io.switchboard.core.internal.db.Database;

/**
 * Settles the tasks of asynchronous events and, when a task was the last of its event, the event: in the transaction
 * that stores how the task ended, under a lock on the event's row, so that of two tasks of one event finishing at once
 * exactly one sees the event complete. Tasks finishing at the same time share that transaction (group commit). The
 * settled event is then told once to the {@link SettledEventListener}s: with the combined results when every task is
 * DONE, as dead-lettered when one is DEAD.
 */
final class EventSettlement {

    private static final Logger LOG = LoggerFactory.getLogger(EventSettlement.class);

    private static final Duration SETTLE_WAIT = Duration.ofSeconds(30);
    private static final int SETTLE_BATCH = 100;
    private static final int SETTLE_QUEUE_BYTES = 16 << 20;

    private final EventCatalog catalog;
    private final EventTypeListeners<SettledEventListener> listeners;
    private final BatchWriter<SettlementBatch.Settlement> writer;

    /** A settled event as read in its last task's transaction. */
    private record Settled(AsyncEvent event, List<AsyncTaskRepository.TaskResult> tasks, boolean dead) {
    }

    EventSettlement(Database database, EventCatalog catalog, EventTypeListeners<SettledEventListener> listeners) {
        this.catalog = catalog;
        this.listeners = listeners;
        // Tasks finishing together settle in one transaction: the workers wait for one commit, not one each.
        this.writer = new BatchWriter<>("switchboard-async-settlement-writer", "asynchronous task settlements",
                st -> "the settlement of task " + st.task.id() + " of event " + st.event.id(),
                st -> 512 + 2 * ((st.resultJson == null ? 0 : st.resultJson.length()) + (st.error == null ? 0 : st.error.length())),
                batch -> database.inTransaction("settle " + batch.size() + " asynchronous task(s)", c -> {
                    SettlementBatch.store(c, batch);
                    return null;
                }), SETTLE_BATCH, SETTLE_QUEUE_BYTES, Duration.ZERO);
    }

    /** The task ran to a valid result; false when another run had settled it already (nothing changed). */
    boolean done(AsyncTask task, AsyncEvent event, String resultJson, long now) {
        return settle(new SettlementBatch.Settlement(task, event, AsyncTaskRepository.DONE, task.attempts() + 1, resultJson, null, now));
    }

    /** The task failed its last attempt (or its function was undeployed): it is dead-lettered. */
    boolean dead(AsyncTask task, AsyncEvent event, int attempts, String error, long now) {
        return settle(new SettlementBatch.Settlement(task, event, AsyncTaskRepository.DEAD, attempts, null, error, now));
    }

    /** Attempts an event of the type makes per function: its retries plus one; one when its source is gone. */
    int attempts(String eventTypeId) {
        return catalog.get(eventTypeId).map(v -> v.definition().retries() + 1).orElse(1);
    }

    /** Settles what is queued (up to 30 s), then stops the writer; later settlements commit on their callers' threads. */
    void close() {
        writer.close(SETTLE_WAIT);
    }

    /** The settlement writer's death, while it is dead; empty while it lives. */
    List<String> problems() {
        return writer.problems();
    }

    /**
     * Applies the task's settlement, deletes its execution row and, when it was the event's last open task, settles
     * the event, in the transaction of its batch ({@link SettlementBatch}); returns once that committed; false when the
     * task was settled before (nothing changed). The event is the one read when the task was claimed: what is told of
     * it (id, account, type, skill) never changes.
     */
    private boolean settle(SettlementBatch.Settlement settlement) {
        writer.writeAndWait(settlement, SETTLE_WAIT);
        List<AsyncTaskRepository.TaskResult> tasks = settlement.eventSettled;
        if (tasks != null) {
            tell(new Settled(settlement.event, tasks, tasks.stream().anyMatch(t -> AsyncTaskRepository.DEAD.equals(t.status()))));
        }
        return settlement.applied;
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
