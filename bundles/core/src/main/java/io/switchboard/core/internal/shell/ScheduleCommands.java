package io.switchboard.core.internal.shell;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.core.api.function.ConflictException;
import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.api.schedule.ScheduleInfo;
import io.switchboard.core.api.schedule.ScheduleService;
import io.switchboard.core.api.schedule.ScheduleSpec;

/**
 * Operator commands for schedules in the Gogo shell: {@code switchboard:schedules acme},
 * {@code switchboard:schedule acme <functionId> "0 9 * * 1-5" Europe/Berlin}, {@code pause}, {@code resume}, {@code unschedule}.
 */
@Component(service = ScheduleCommands.class)
@GogoCommand(scope = "switchboard", function = {"schedules", "schedule", "pause", "resume", "unschedule"})
public class ScheduleCommands {

    private final ScheduleService schedules;

    @Activate
    public ScheduleCommands(@Reference ScheduleService schedules) {
        this.schedules = schedules;
    }

    /** The schedules of an account. */
    @Descriptor("lists the schedules of an account: id, function, cron, time zone, state, next and last run")
    public String schedules(@Descriptor("account") String account) {
        return schedules.list(account).stream().map(ScheduleCommands::line).collect(Collectors.joining("\n"));
    }

    /** Schedules a deployed function on a five-field cron expression in UTC, with an empty payload. */
    @Descriptor("schedules a deployed function on a cron expression in UTC, with an empty payload")
    public String schedule(@Descriptor("account") String account, @Descriptor("function id (deployed)") String functionId, @Descriptor("five-field cron expression, e.g. \"0 9 * * 1-5\"") String cronExpression) {
        return schedule(account, functionId, cronExpression, ScheduleSpec.DEFAULT_TIME_ZONE);
    }

    /** Schedules a deployed function on a five-field cron expression in the time zone, with an empty payload. */
    @Descriptor("schedules a deployed function on a cron expression in a time zone, with an empty payload")
    public String schedule(@Descriptor("account") String account, @Descriptor("function id (deployed)") String functionId, @Descriptor("five-field cron expression, e.g. \"0 9 * * 1-5\"") String cronExpression,
            @Descriptor("time zone, e.g. Europe/Berlin") String timeZone) {
        return guarded(() -> line(schedules.create(account, new ScheduleSpec(functionId, cronExpression, true, null, timeZone, List.of(), "{}"))));
    }

    @Descriptor("pauses a schedule (it keeps its settings and stops running)")
    public String pause(@Descriptor("account") String account, @Descriptor("schedule id") String scheduleId) {
        return setActive(account, scheduleId, false);
    }

    @Descriptor("resumes a paused schedule")
    public String resume(@Descriptor("account") String account, @Descriptor("schedule id") String scheduleId) {
        return setActive(account, scheduleId, true);
    }

    @Descriptor("deletes a schedule")
    public String unschedule(@Descriptor("account") String account, @Descriptor("schedule id") String scheduleId) {
        return guarded(() -> {
            schedules.delete(account, scheduleId);
            return "deleted " + scheduleId;
        });
    }

    private String setActive(String account, String scheduleId, boolean active) {
        return guarded(() -> {
            ScheduleSpec s = schedules.get(account, scheduleId).spec();
            return line(schedules.update(account, scheduleId, new ScheduleSpec(s.functionUuid(), s.cronExpression(), active, s.description(),
                    s.timeZone(), s.headers(), s.payloadJson())));
        });
    }

    private static String guarded(java.util.function.Supplier<String> command) {
        try {
            return command.get();
        } catch (ValidationException e) {
            return "error: " + e.getMessage() + ": " + e.fieldErrors().stream().map(f -> f.field() + " " + f.message())
                    .collect(Collectors.joining("; "));
        } catch (NotFoundException | ConflictException e) {
            return "error: " + e.getMessage();
        }
    }

    private static String line(ScheduleInfo s) {
        return String.format("%-36s %-36s %-18s %-16s %-6s next %s last %s%s", s.id(), s.spec().functionUuid(), s.spec().cronExpression(),
                s.spec().timeZone(), s.spec().active() ? "active" : "paused", s.nextExecution() == null ? "-" : s.nextExecution(),
                s.lastExecution() == null ? "-" : s.lastExecution(),
                s.didLastExecutionFail() == null ? "" : s.didLastExecutionFail() ? " (failed)" : " (ok)");
    }
}
