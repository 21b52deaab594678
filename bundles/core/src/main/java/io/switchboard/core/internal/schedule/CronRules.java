package io.switchboard.core.internal.schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.CronStyle;

import io.switchboard.core.api.dispatch.FieldError;

/**
 * A schedule's five-field cron expression (minute, hour, day of month, month, day of week) in its time zone, parsed by
 * the scheduler's own cron support (Unix style), and the checks a new expression must pass.
 */
final class CronRules {

    /** Firings looked at to find the shortest gap between two (a year of a once-a-week schedule). */
    private static final int FIRINGS_CHECKED = 60;

    private final CronSchedule schedule;

    private CronRules(CronSchedule schedule) {
        this.schedule = schedule;
    }

    /** The expression in the zone; the problems go to {@code errors}, and null is returned, when it is not valid. */
    static CronRules parse(String expression, String zone, Duration minInterval, List<FieldError> errors) {
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException e) {
            errors.add(new FieldError("/timeZone", "is not a time zone id (e.g. Etc/UTC, Europe/Berlin): " + zone));
            return null;
        }
        if (expression == null || expression.isBlank() || expression.strip().split("\\s+").length != 5) {
            errors.add(new FieldError("/cronExpression", "must have five fields: minute hour day-of-month month day-of-week"));
            return null;
        }
        CronRules rules;
        try {
            rules = new CronRules(new CronSchedule(expression.strip(), zoneId, CronStyle.UNIX));
        } catch (RuntimeException e) {
            errors.add(new FieldError("/cronExpression", "is not a valid cron expression: " + e.getMessage()));
            return null;
        }
        Duration gap = rules.shortestGap(Instant.now());
        if (gap == null) {
            errors.add(new FieldError("/cronExpression", "never fires"));
            return null;
        }
        if (gap.compareTo(minInterval) < 0) {
            errors.add(new FieldError("/cronExpression", "fires " + gap.toSeconds() + " s apart; schedules fire at least "
                    + minInterval.toSeconds() + " s apart"));
            return null;
        }
        return rules;
    }

    /** The first firing after {@code after}. */
    Instant nextAfter(Instant after) {
        return schedule.getNextExecutionTime(ExecutionComplete.simulatedSuccess(after));
    }

    private Duration shortestGap(Instant from) {
        List<Instant> firings = new ArrayList<>();
        Instant at = from;
        for (int i = 0; i < FIRINGS_CHECKED; i++) {
            Instant next = nextAfter(at);
            if (next == null || next.equals(Instant.MAX) || !next.isAfter(at)) {
                break;
            }
            firings.add(next);
            at = next;
        }
        if (firings.isEmpty()) {
            return null;
        }
        Duration shortest = Duration.ofDays(366);
        for (int i = 1; i < firings.size(); i++) {
            Duration gap = Duration.between(firings.get(i - 1), firings.get(i));
            if (gap.compareTo(shortest) < 0) {
                shortest = gap;
            }
        }
        return shortest;
    }
}
