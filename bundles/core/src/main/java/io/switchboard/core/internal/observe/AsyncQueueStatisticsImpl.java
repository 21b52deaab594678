package io.switchboard.core.internal.observe;

import io.switchboard.core.api.observe.AsyncQueueState;
import io.switchboard.core.api.observe.AsyncQueueStatistics;
import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.db.Rows;
import java.time.Clock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Counts the persisted queue's pending and dead-lettered tasks (table {@code async_tasks}) and the oldest due task's age. */
@Component(service = AsyncQueueStatistics.class)
public final class AsyncQueueStatisticsImpl implements AsyncQueueStatistics {

    private final Database database;
    private final Clock clock;

    @Activate
    public AsyncQueueStatisticsImpl(@Reference Database database) {
        this(database, Clock.systemUTC());
    }

    AsyncQueueStatisticsImpl(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public AsyncQueueState state() {
        long now = clock.millis();
        return database.withConnection("read the asynchronous queue's state", c -> {
            long pending = Rows.count(c, "SELECT COUNT(*) FROM async_tasks WHERE status = ?", "PENDING");
            long dead = Rows.count(c, "SELECT COUNT(*) FROM async_tasks WHERE status = ?", "DEAD");
            // The oldest due task: a task waiting for its retry's backoff is not late yet.
            long oldestDue = pending == 0 ? now : Rows.one(c, "SELECT MIN(next_attempt_at) FROM async_tasks WHERE status = ? AND next_attempt_at <= ?",
                    rs -> rs.getObject(1) == null ? now : rs.getLong(1), "PENDING", now).orElse(now);
            return new AsyncQueueState(pending, Math.max(0, now - oldestDue), dead);
        });
    }
}
