package io.switchboard.core.internal.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.dispatch.FunctionInvoker;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.dispatch.UnknownFunctionException;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.internal.db.Database;

/**
 * One firing of a schedule, on the instance whose scheduler took it: reads the schedule as stored now (a deleted or
 * paused one ends its execution row), claims the planned time in the schedule's row (so a firing taken over from an
 * instance that died while running it is not run again), invokes the function's deployed version with trigger
 * {@code SCHEDULE} and records how it went. A firing missed during downtime runs once when an instance starts, or is
 * skipped when {@code runMissedAtStart} is off.
 */
final class ScheduleFiring {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleFiring.class);

    private final Database database;
    private final FunctionInvoker invoker;
    private final Clock clock;
    private final boolean runMissed;
    private final Duration missedAfter;
    private final ScheduleRepository repository = new ScheduleRepository();

    ScheduleFiring(Database database, FunctionInvoker invoker, Clock clock, boolean runMissed, Duration missedAfter) {
        this.database = database;
        this.invoker = invoker;
        this.clock = clock;
        this.runMissed = runMissed;
        this.missedAfter = missedAfter;
    }

    /** Runs the firing planned for {@code plannedAt}; returns when the schedule fires next, or null when it no longer fires. */
    Instant fire(String scheduleId, Instant plannedAt) {
        Optional<ScheduleRow> stored = database.withConnection("read schedule " + scheduleId, c -> repository.find(c, scheduleId));
        if (stored.isEmpty() || !stored.get().spec().active()) {
            return null;
        }
        ScheduleRow schedule = stored.get();
        Instant now = clock.instant();
        CronRules rules = CronRules.parse(schedule.spec().cronExpression(), schedule.spec().timeZone(), Duration.ZERO, new ArrayList<>());
        if (rules == null) {
            LOG.error("Schedule {} of account {} has an expression that no longer parses ('{}'); it stops firing", scheduleId,
                    schedule.account(), schedule.spec().cronExpression());
            return null;
        }
        Instant next = rules.nextAfter(now.isAfter(plannedAt) ? now : plannedAt);
        if (!runMissed && plannedAt.plus(missedAfter).isBefore(now)) {
            LOG.info("Schedule {} of account {} missed its firing of {} (no instance ran); skipped, next at {}", scheduleId,
                    schedule.account(), plannedAt, next);
            database.withConnection("plan schedule " + scheduleId, c -> {
                repository.recordNext(c, scheduleId, next);
                return null;
            });
            return next;
        }
        if (!database.withConnection("claim firing of " + scheduleId, c -> repository.claimFiring(c, scheduleId, plannedAt))) {
            LOG.info("Schedule {} already fired for {} (on an instance that stopped since); not firing again", scheduleId, plannedAt);
            return next;
        }
        FunctionOutcome outcome = invoke(schedule);
        boolean failed = outcome == null || outcome.outcome() != Outcome.OK;
        database.withConnection("record firing of " + scheduleId, c -> {
            repository.recordFiring(c, scheduleId, now, failed, outcome == null ? null : outcome.invocationId(), next);
            return null;
        });
        return next;
    }

    /** The function's outcome; null when it could not run at all (logged). */
    private FunctionOutcome invoke(ScheduleRow schedule) {
        try {
            return invoker.invoke(schedule.account(), schedule.spec().functionUuid(), schedule.spec().payloadJson(),
                    schedule.spec().headers(), Trigger.SCHEDULE);
        } catch (UnknownFunctionException e) {
            LOG.warn("Schedule {} of account {} fired, but function {} is not deployed", schedule.id(), schedule.account(),
                    schedule.spec().functionUuid());
        } catch (RuntimeException e) {
            LOG.warn("Schedule {} of account {} fired, but function {} could not run: {}", schedule.id(), schedule.account(),
                    schedule.spec().functionUuid(), e.toString());
        }
        return null;
    }
}
