package io.switchboard.core.internal.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.switchboard.core.internal.db.BatchWriter;
import io.switchboard.core.internal.db.Database;

/**
 * Stores accepted asynchronous events by group commit: events arriving together are written (idempotency key, event,
 * its tasks and their lease rows) in one transaction, and each caller returns once that transaction committed.
 */
final class AcceptedEvents {

    private static final Duration ACCEPT_WAIT = Duration.ofSeconds(30);
    private static final int ACCEPT_BATCH = 500;
    private static final int ACCEPT_QUEUE_BYTES = 16 << 20;

    /** An event, its tasks and its idempotency key (or null), stored together. */
    private record Accepted(AsyncEvent event, List<AsyncTask> tasks, long now, String idempotencyKey) {
    }

    private final BatchWriter<Accepted> writer;

    AcceptedEvents(Database database, AsyncTaskRepository repository, Supplier<TaskLeases> leases, Clock clock) {
        this.writer = new BatchWriter<>("switchboard-async-accept-writer", "accepted asynchronous events",
                a -> "asynchronous event " + a.event().id() + " of account " + a.event().account(),
                a -> 1024 + 2 * a.event().payloadJson().length(),
                accepted -> database.inTransaction("accept " + accepted.size() + " asynchronous event(s)", c -> {
                    List<String> taskIds = new ArrayList<>();
                    for (Accepted a : accepted) {
                        if (a.idempotencyKey() != null) {
                            IdempotencyKeys.insert(c, a.idempotencyKey(), a.event().account(), a.event().id(), a.now());
                        }
                        repository.insertEvent(c, a.event());
                        for (AsyncTask task : a.tasks()) {
                            repository.insertTask(c, task, a.now());
                            taskIds.add(task.id());
                        }
                    }
                    leases.get().schedule(c, taskIds, Instant.ofEpochMilli(clock.millis()));
                    return null;
                }), ACCEPT_BATCH, ACCEPT_QUEUE_BYTES, Duration.ZERO);
    }

    /** Returns once the event, its tasks and their lease rows are committed. */
    void store(AsyncEvent event, List<AsyncTask> tasks, long now, String idempotencyKey) {
        writer.writeAndWait(new Accepted(event, tasks, now, idempotencyKey), ACCEPT_WAIT);
    }

    /** The writer thread's death, while it is dead; empty while it lives. */
    List<String> problems() {
        return writer.problems();
    }

    /** Stores what is queued (up to 30 s), then stops the writer. */
    void close() {
        writer.close(ACCEPT_WAIT);
    }
}
