package io.switchboard.core.internal.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * The embedded db-scheduler that fires schedules: one execution row per active schedule (task {@value #TASK}, instance =
 * schedule id) in {@code scheduled_tasks}. An instance claims a due row with an optimistic version check, so each firing
 * runs on one instance; instances heartbeat the rows they run, and a row whose instance stopped heartbeating is taken
 * over by another. What a firing does is the {@link Firing}'s; it answers when the schedule fires next.
 */
final class ScheduleRunner implements AutoCloseable {

    static final String TASK = "switchboard-schedule";

    /** What a due firing does; returns the next firing time, or null when the schedule is gone or paused. */
    @FunctionalInterface
    interface Firing {
        Instant fire(String scheduleId, Instant plannedAt);
    }

    /** How the scheduler polls and heartbeats. */
    record Settings(int threads, Duration pollingInterval, Duration heartbeatInterval, int missedHeartbeatsLimit) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRunner.class);

    private final CustomTask<Void> task;
    private final Scheduler scheduler;

    ScheduleRunner(DataSource dataSource, Firing firing, Settings settings) {
        this.task = Tasks.custom(TASK, Void.class)
                // A firing that threw (the database was unreachable) is tried again shortly; its claim keeps it single.
                .onFailureReschedule(FixedDelay.of(settings.pollingInterval()))
                .execute((TaskInstance<Void> instance, ExecutionContext context) -> {
                    Instant next = firing.fire(instance.getId(), context.getExecution().executionTime);
                    return next == null ? stop() : reschedule(next);
                });
        this.scheduler = Scheduler.create(dataSource, task)
                .threads(Math.max(1, settings.threads()))
                .pollingInterval(settings.pollingInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(Math.max(1, settings.missedHeartbeatsLimit()))
                .schedulerName(new SchedulerName.Fixed("switchboard-" + UUID.randomUUID().toString().substring(0, 8)))
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
    }

    private static CompletionHandler<Void> stop() {
        return (complete, operations) -> operations.stop();
    }

    private static CompletionHandler<Void> reschedule(Instant next) {
        return (complete, operations) -> operations.reschedule(complete, next);
    }

    void start() {
        scheduler.start();
    }

    /** Makes the schedule fire at {@code at}: a new execution row, or the existing one moved. */
    void plan(String scheduleId, Instant at) {
        TaskInstance<Void> instance = task.instance(scheduleId);
        if (!scheduler.scheduleIfNotExists(instance, at)) {
            try {
                scheduler.reschedule(instance, at);
            } catch (RuntimeException e) {
                // Picked right now by an instance firing it: that firing reschedules it from the stored definition.
                LOG.debug("Schedule {} is firing; its next time comes from its stored definition: {}", scheduleId, e.toString());
            }
        }
    }

    /** Makes sure an active schedule has an execution row (after a crash between storing the schedule and planning it). */
    boolean planIfMissing(String scheduleId, Instant at) {
        return scheduler.scheduleIfNotExists(task.instance(scheduleId), at);
    }

    /** Removes the schedule's execution row, if it has one (paused or deleted). */
    void cancel(String scheduleId) {
        TaskInstanceId id = TaskInstanceId.of(TASK, scheduleId);
        if (scheduler.getScheduledExecution(id).isEmpty()) {
            return;
        }
        try {
            scheduler.cancel(id);
        } catch (RuntimeException e) {
            // Firing right now: the firing finds the schedule paused or gone and ends the row itself.
            LOG.debug("Schedule {} is firing; it ends its execution row itself: {}", scheduleId, e.toString());
        }
    }

    /** Where the scheduler has the schedule's next firing, if it has a row for it. */
    java.util.Optional<Instant> planned(String scheduleId) {
        return scheduler.getScheduledExecution(TaskInstanceId.of(TASK, scheduleId)).map(e -> e.getExecutionTime());
    }

    @Override
    public void close() {
        scheduler.stop();
    }
}
