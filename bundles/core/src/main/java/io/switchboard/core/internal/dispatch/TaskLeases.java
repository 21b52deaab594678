package io.switchboard.core.internal.dispatch;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.db.Rows;

/**
 * Who runs which asynchronous task, across every instance sharing the database: the embedded db-scheduler, one
 * execution row per pending task in {@code async_executions} (task {@value #TASK}, instance = task id). An instance
 * claims a due row (PostgreSQL: {@code SELECT ... FOR UPDATE SKIP LOCKED}; H2: an update guarded by the row's version),
 * heartbeats the rows it runs, and the rows of an instance that stopped heartbeating for the lease are revived and
 * claimed by another. A revived row is "suspect": its task may have run to success before its instance died, which
 * the {@link Work} checks before running it again. The row of a task that finished is deleted in the transaction that
 * settles the task ({@link #finish}), so settling and releasing are one commit.
 */
final class TaskLeases implements AutoCloseable {

    static final String TASK = "switchboard-async-task";
    static final String TABLE = "async_executions";

    /** What a claimed task does; answers when to run it again, or null when it is finished (its row deleted). */
    @FunctionalInterface
    interface Work {
        Instant run(String taskId, boolean suspect);
    }

    /** How the scheduler claims, polls and heartbeats. */
    record Settings(int threads, Duration pollingInterval, Duration lease) {

        /** Heartbeats per lease: a lease is lost after this many missed heartbeats. */
        static final int HEARTBEATS_PER_LEASE = 10;

        Duration heartbeatInterval() {
            return Duration.ofMillis(Math.max(100, lease.toMillis() / HEARTBEATS_PER_LEASE));
        }

        /** Longest time from an instance's death to another instance running its tasks. */
        Duration takeoverWithin() {
            // Dead after the lease; the scheduler looks for dead rows every second heartbeat; then the next poll claims.
            return lease.plus(heartbeatInterval().multipliedBy(2)).plus(pollingInterval);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TaskLeases.class);

    private final Database database;
    private final String instanceName;
    private final CustomTask<Void> task;
    private final Scheduler scheduler;
    private final BoundConnection bound = new BoundConnection();
    private final SchedulerClient inTransaction;

    TaskLeases(Database database, String instanceName, Settings settings, boolean postgreSql, Work work) {
        this.database = database;
        this.instanceName = instanceName;
        this.task = Tasks.custom(TASK, Void.class)
                .onDeadExecution((complete, operations) -> {
                    LOG.info("Taking over asynchronous task {} of instance {} (no heartbeat for {})", complete.getExecution().getId(),
                            complete.getExecution().pickedBy, settings.lease());
                    Instant now = Instant.now();
                    // Counted as a failure, so the run after the takeover knows its task may have finished before.
                    operations.reschedule(ExecutionComplete.failure(complete.getExecution(), now, now, null), now);
                })
                .execute((TaskInstance<Void> instance, ExecutionContext context) -> {
                    Instant next = work.run(instance.getId(), context.getExecution().consecutiveFailures > 0);
                    return next == null ? finished() : again(next);
                });
        // Detected once on a pooled connection; the client writing in the accept transaction must not ask its own.
        JdbcCustomization jdbc = postgreSql ? new AutodetectJdbcCustomization(database.dataSource()) : new H2LockAndFetch();
        SchedulerBuilder builder = Scheduler.create(database.dataSource(), task)
                .tableName(TABLE)
                .jdbcCustomization(jdbc)
                .threads(Math.max(1, settings.threads()))
                .pollingInterval(settings.pollingInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(Settings.HEARTBEATS_PER_LEASE)
                .schedulerName(new SchedulerName.Fixed(instanceName))
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(10));
        // Lock-and-fetch on both: PostgreSQL's SELECT ... FOR UPDATE SKIP LOCKED, and H2's (H2LockAndFetch).
        builder.pollUsingLockAndFetch(0.5, 3.0);
        this.scheduler = builder.build();
        this.inTransaction = SchedulerClient.Builder.create(bound, task).tableName(TABLE).jdbcCustomization(jdbc).build();
    }

    private static CompletionHandler<Void> finished() {
        // The row went with the task's settlement; nothing is left to do.
        return (complete, operations) -> { };
    }

    private static CompletionHandler<Void> again(Instant next) {
        return (complete, operations) -> operations.reschedule(complete, next);
    }

    /**
     * Revives the rows this instance had claimed before it stopped (a crash: with the same name it is the same
     * instance, so nobody else will), then starts claiming.
     */
    void start() {
        int revived = database.withConnection("revive the asynchronous tasks of " + instanceName, c -> Rows.update(c,
                "UPDATE " + TABLE + " SET picked = FALSE, picked_by = NULL, last_heartbeat = NULL, execution_time = CURRENT_TIMESTAMP, "
                        + "last_failure = CURRENT_TIMESTAMP, consecutive_failures = COALESCE(consecutive_failures, 0) + 1, "
                        + "version = version + 1 WHERE task_name = ? AND picked = TRUE AND picked_by = ?", TASK, instanceName));
        if (revived > 0) {
            LOG.info("Re-queued {} asynchronous task(s) this instance ({}) was running when it stopped", revived, instanceName);
        }
        scheduler.start();
    }

    /** Adds rows for the tasks, due at {@code at}, in the transaction open on {@code c}. */
    void schedule(Connection c, List<String> taskIds, Instant at) {
        if (taskIds.isEmpty()) {
            return;
        }
        List<TaskInstance<?>> instances = taskIds.stream().<TaskInstance<?>>map(task::instance).toList();
        bound.with(c, () -> {
            inTransaction.scheduleBatch(instances, at);
            return null;
        });
    }

    /** Deletes the task's row in the transaction open on {@code c} (the one that settles the task). */
    static void finish(Connection c, String taskId) throws SQLException {
        Rows.update(c, "DELETE FROM " + TABLE + " WHERE task_name = ? AND task_instance = ?", TASK, taskId);
    }

    /** Makes this instance look for due rows now (after tasks were stored), instead of at its next poll. */
    void wake() {
        scheduler.triggerCheckForDueExecutions();
    }

    /** Claims no more rows until closed; rows already claimed keep their lease. */
    void pause() {
        scheduler.pause();
    }

    String instanceName() {
        return instanceName;
    }

    @Override
    public void close() {
        scheduler.stop();
    }
}
