package io.switchboard.core.internal.invocation;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention of invocation records as recurring tasks of an embedded db-scheduler (table {@code housekeeping_tasks},
 * V51): the purge by age every purge interval, the trim of accounts over their record size every quota check. Several
 * instances on one database run each due purge once between them; a run that failed is logged, reported by the health
 * check until a run succeeds, and tried again at its next time.
 */
final class RetentionJob implements AutoCloseable {

    static final String TABLE = "housekeeping_tasks";
    static final String PURGE = "invocation-retention-by-age";
    static final String TRIM = "invocation-retention-by-size";
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final Scheduler scheduler;
    private final AtomicReference<String> purgeFailure = new AtomicReference<>();
    private final AtomicReference<String> trimFailure = new AtomicReference<>();

    RetentionJob(DataSource dataSource, Runnable purge, Duration purgeInterval, Runnable trim, Duration trimInterval) {
        RecurringTask<Void> purgeTask = Tasks.recurring(PURGE, FixedDelay.of(purgeInterval))
                .execute((instance, context) -> run("Purging expired invocation records", purge, purgeFailure));
        RecurringTask<Void> trimTask = Tasks.recurring(TRIM, FixedDelay.of(trimInterval))
                .execute((instance, context) -> run("Keeping accounts within their record size (maxRecordBytes)", trim, trimFailure));
        Duration shortest = purgeInterval.compareTo(trimInterval) < 0 ? purgeInterval : trimInterval;
        // Polled often enough for the shortest interval, at most every 10 s (one indexed query per poll).
        Duration polling = shortest.compareTo(Duration.ofSeconds(10)) < 0 ? shortest : Duration.ofSeconds(10);
        this.scheduler = Scheduler.create(dataSource)
                .tableName(TABLE)
                .startTasks(purgeTask, trimTask)
                .threads(1)
                .pollingInterval(polling)
                .schedulerName(new SchedulerName.Fixed("switchboard-retention-" + UUID.randomUUID().toString().substring(0, 8)))
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
    }

    void start() {
        scheduler.start();
    }

    /** Why the last run of a task failed, while it has not succeeded since (for the health check). */
    List<String> problems() {
        return java.util.stream.Stream.of(purgeFailure.get(), trimFailure.get()).filter(java.util.Objects::nonNull).toList();
    }

    private static void run(String what, Runnable work, AtomicReference<String> failure) {
        try {
            work.run();
            failure.set(null);
        } catch (RuntimeException e) {
            failure.set(what + " failed at " + Instant.now() + ": " + e.getMessage() + "; it runs again at its next time");
            LOG.error("{} failed; it runs again at its next time", what, e);
        }
    }

    @Override
    public void close() {
        scheduler.stop();
    }
}
