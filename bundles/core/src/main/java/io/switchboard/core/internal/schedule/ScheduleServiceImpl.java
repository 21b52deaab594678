package io.switchboard.core.internal.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.dispatch.FunctionInvoker;
import io.switchboard.core.api.function.ConflictException;
import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.api.schedule.ScheduleInfo;
import io.switchboard.core.api.schedule.ScheduleService;
import io.switchboard.core.api.schedule.ScheduleSpec;
import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.function.DeployedFunction;
import io.switchboard.core.internal.function.DeployedFunctions;
import io.switchboard.core.internal.id.TimeOrderedIds;

/** The accounts' schedules: stored in {@code schedules}, fired by the embedded scheduler ({@link ScheduleRunner}). */
@Component(service = ScheduleService.class, configurationPid = ScheduleServiceImpl.PID)
@Designate(ocd = ScheduleServiceImpl.Config.class)
public class ScheduleServiceImpl implements ScheduleService {

    public static final String PID = "io.switchboard.core.schedules";

    /** Limits of schedules and how the scheduler runs. */
    @ObjectClassDefinition(name = "Switchboard schedules", description = "Schedules that invoke functions on a cron expression.")
    public @interface Config {
        @AttributeDefinition(description = "Schedules one account may have")
        int maxPerAccount() default 10;

        @AttributeDefinition(description = "Shortest time between two firings of one schedule, in seconds")
        int minIntervalSeconds() default 60;

        @AttributeDefinition(description = "Longest invocation payload of a schedule, in characters of its JSON text")
        int maxPayloadChars() default 8_000;

        @AttributeDefinition(description = "Whether a firing missed while no instance ran (downtime) runs once when one starts; "
                + "false: it is skipped and the schedule goes on with its next firing")
        boolean runMissedAtStart() default true;

        @AttributeDefinition(description = "How late a firing may start before it counts as missed, in seconds")
        int missedAfterSeconds() default 60;

        @AttributeDefinition(description = "How often the scheduler looks for due firings, in milliseconds")
        long pollingIntervalMillis() default 5_000;

        @AttributeDefinition(description = "How often an instance tells that it still runs the firings it took, in seconds; "
                + "after missedHeartbeats of them are missed, another instance takes the firing over")
        int heartbeatIntervalSeconds() default 10;

        @AttributeDefinition(description = "Heartbeats missed before an instance's firings are taken over")
        int missedHeartbeats() default 6;

        @AttributeDefinition(description = "Threads running firings on this instance")
        int threads() default 2;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleServiceImpl.class);

    private final Database database;
    private final DeployedFunctions functions;
    private final Config config;
    private final Clock clock;
    private final ScheduleRepository repository = new ScheduleRepository();
    private final ScheduleRunner runner;

    @Activate
    public ScheduleServiceImpl(@Reference Database database, @Reference DeployedFunctions functions, @Reference FunctionInvoker invoker,
            Config config) {
        this(database, functions, invoker, config, Clock.systemUTC());
    }

    ScheduleServiceImpl(Database database, DeployedFunctions functions, FunctionInvoker invoker, Config config, Clock clock) {
        this.database = database;
        this.functions = functions;
        this.config = config;
        this.clock = clock;
        ScheduleFiring firing = new ScheduleFiring(database, invoker, clock, config.runMissedAtStart(),
                Duration.ofSeconds(Math.max(1, config.missedAfterSeconds())));
        this.runner = new ScheduleRunner(database.dataSource(), firing::fire, new ScheduleRunner.Settings(config.threads(),
                Duration.ofMillis(Math.max(10, config.pollingIntervalMillis())), Duration.ofSeconds(Math.max(1, config.heartbeatIntervalSeconds())),
                config.missedHeartbeats()));
        reconcile();
        runner.start();
    }

    @Deactivate
    public void close() {
        runner.close();
    }

    /** Every active schedule has an execution row (one could be missing after a crash right after it was stored). */
    private void reconcile() {
        for (ScheduleRow row : database.withConnection("list active schedules", repository::active)) {
            Instant at = row.nextExecution() != null ? row.nextExecution() : rules(row.spec(), new ArrayList<>()).nextAfter(clock.instant());
            if (runner.planIfMissing(row.id(), at)) {
                LOG.info("Schedule {} of account {} had no planned firing; planned for {}", row.id(), row.account(), at);
            }
        }
    }

    @Override
    public List<ScheduleInfo> list(String account) {
        return database.withConnection("list schedules of " + account, c -> repository.list(c, account)).stream().map(ScheduleRow::info).toList();
    }

    @Override
    public ScheduleInfo get(String account, String scheduleId) {
        return require(account, scheduleId).info();
    }

    @Override
    public ScheduleInfo create(String account, ScheduleSpec spec) {
        CronRules rules = validate(account, spec);
        Instant now = clock.instant();
        Instant next = spec.active() ? rules.nextAfter(now) : null;
        ScheduleRow row = new ScheduleRow(TimeOrderedIds.next(), account, spec, next, null, null, null, now, now);
        database.inTransaction("create a schedule of " + account, c -> {
            repository.lockAccount(c, account);
            if (repository.count(c, account) >= config.maxPerAccount()) {
                throw new ConflictException("Account " + account + " has " + config.maxPerAccount()
                        + " schedules, as many as it may have; delete one first");
            }
            repository.insert(c, row);
            return null;
        });
        if (next != null) {
            runner.plan(row.id(), next);
        }
        LOG.info("Created schedule {} of account {} for function {} ('{}' in {})", row.id(), account, spec.functionUuid(),
                spec.cronExpression(), spec.timeZone());
        return row.info();
    }

    @Override
    public ScheduleInfo update(String account, String scheduleId, ScheduleSpec spec) {
        CronRules rules = validate(account, spec);
        Instant now = clock.instant();
        Instant next = spec.active() ? rules.nextAfter(now) : null;
        int updated = database.withConnection("update schedule " + scheduleId, c -> repository.update(c, account, scheduleId, spec, next, now));
        if (updated == 0) {
            throw notFound(account, scheduleId);
        }
        if (next != null) {
            runner.plan(scheduleId, next);
        } else {
            runner.cancel(scheduleId);
        }
        return get(account, scheduleId);
    }

    @Override
    public void delete(String account, String scheduleId) {
        if (database.withConnection("delete schedule " + scheduleId, c -> repository.delete(c, account, scheduleId)) == 0) {
            throw notFound(account, scheduleId);
        }
        runner.cancel(scheduleId);
        LOG.info("Deleted schedule {} of account {}", scheduleId, account);
    }

    /** For tests: the scheduler's next firing of the schedule. */
    Optional<Instant> planned(String scheduleId) {
        return runner.planned(scheduleId);
    }

    /** For tests: makes the schedule's next firing due at {@code at} (now, or a time missed in the past). */
    void planAt(String scheduleId, Instant at) {
        runner.plan(scheduleId, at);
    }

    private CronRules validate(String account, ScheduleSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (spec.functionUuid() == null || spec.functionUuid().isBlank()) {
            errors.add(new FieldError("/functionUuid", "is required"));
        }
        if (spec.description() != null && spec.description().length() > 1000) {
            errors.add(new FieldError("/description", "is at most 1000 characters"));
        }
        if (spec.payloadJson().length() > config.maxPayloadChars()) {
            errors.add(new FieldError("/invocationBody/payload", "is " + spec.payloadJson().length() + " characters; at most "
                    + config.maxPayloadChars()));
        }
        CronRules rules = rules(spec, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException("Invalid schedule", errors);
        }
        Optional<DeployedFunction> function = functions.deployed(account, spec.functionUuid());
        if (function.isEmpty() || !function.get().functionId().equals(spec.functionUuid())) {
            throw new ConflictException("Account " + account + " has no deployed function " + spec.functionUuid()
                    + "; only productive functions can be scheduled (deploy it first)");
        }
        return rules;
    }

    private CronRules rules(ScheduleSpec spec, List<FieldError> errors) {
        return CronRules.parse(spec.cronExpression(), spec.timeZone(), Duration.ofSeconds(Math.max(60, config.minIntervalSeconds())), errors);
    }

    private ScheduleRow require(String account, String scheduleId) {
        return database.withConnection("read schedule " + scheduleId, c -> repository.find(c, account, scheduleId))
                .orElseThrow(() -> notFound(account, scheduleId));
    }

    private static NotFoundException notFound(String account, String scheduleId) {
        return new NotFoundException("Account " + account + " has no schedule " + scheduleId);
    }
}
