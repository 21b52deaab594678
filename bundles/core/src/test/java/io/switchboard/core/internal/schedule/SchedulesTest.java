package io.switchboard.core.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.function.ConflictException;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.api.schedule.ScheduleInfo;
import io.switchboard.core.api.schedule.ScheduleSpec;
import io.switchboard.core.internal.dispatch.DispatcherTestAccess;
import io.switchboard.core.internal.invocation.InvocationServiceImpl;
import io.switchboard.core.internal.testing.Await;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.DatabaseTest;
import io.switchboard.core.internal.testing.ScriptedExecutor;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestEvents;

/**
 * Schedules on the real scheduler and database: validation and limits, firings that run the deployed function once
 * with trigger SCHEDULE (also with two instances on one database), missed firings, and schedules ending with their
 * function's deployment. Firings are made due now through the scheduler instead of waiting for the next minute.
 */
@DatabaseTest
class SchedulesTest {

    private static final String BOT = "third_party_bots_custom_integration";

    private final CoreFixture core = new CoreFixture(TestEvents.customIntegration());
    private final InvocationServiceImpl invocations = new InvocationServiceImpl(core.database, core.quotas,
            TestConfigs.config(InvocationServiceImpl.Config.class));
    private final ScriptedExecutor executor = ScriptedExecutor.echo();
    private final DispatcherTestAccess dispatcher = new DispatcherTestAccess(core, invocations, executor);
    private final List<ScheduleServiceImpl> instances = new ArrayList<>();

    @AfterEach
    void close() {
        instances.forEach(ScheduleServiceImpl::close);
        dispatcher.close();
        invocations.close();
        core.close();
    }

    private ScheduleServiceImpl instance(Object... config) {
        List<Object> settings = new ArrayList<>(List.of("pollingIntervalMillis", 100L, "heartbeatIntervalSeconds", 1));
        settings.addAll(List.of(config));
        ScheduleServiceImpl schedules = new ScheduleServiceImpl(core.database, core.deployedFunctions, dispatcher.invoker(),
                TestConfigs.config(ScheduleServiceImpl.Config.class, settings.toArray()), Clock.systemUTC());
        instances.add(schedules);
        return schedules;
    }

    private static ScheduleSpec spec(String functionId, String cron) {
        return new ScheduleSpec(functionId, cron, true, "nightly", null, List.of(new Header("X-Job", "report")), "{\"kind\":\"report\"}");
    }

    @Test
    void aScheduleIsCreatedListedUpdatedPausedResumedAndDeleted() {
        ScheduleServiceImpl schedules = instance();
        FunctionInfo function = core.deployed("acme", "reporter", BOT);

        ScheduleInfo created = schedules.create("acme", spec(function.id(), "0 9 * * 1-5"));
        ScheduleInfo paused = schedules.update("acme", created.id(), new ScheduleSpec(function.id(), "30 9 * * 1-5", false, "later",
                "Europe/Berlin", List.of(), "{}"));

        assertThat(created.spec().timeZone()).isEqualTo("Etc/UTC");
        assertThat(created.nextExecution()).isAfter(Instant.now());
        assertThat(created.lastExecution()).isNull();
        assertThat(created.didLastExecutionFail()).isNull();
        assertThat(schedules.list("acme")).extracting(ScheduleInfo::id).containsExactly(created.id());
        assertThat(schedules.list("globex")).isEmpty();
        assertThat(paused.spec().active()).isFalse();
        assertThat(paused.nextExecution()).isNull();
        assertThat(schedules.planned(created.id())).isEmpty();

        ScheduleInfo resumed = schedules.update("acme", created.id(), new ScheduleSpec(function.id(), "30 9 * * 1-5", true, "later",
                "Europe/Berlin", List.of(), "{}"));
        assertThat(schedules.planned(created.id())).contains(resumed.nextExecution());

        schedules.delete("acme", created.id());
        assertThatThrownBy(() -> schedules.get("acme", created.id())).isInstanceOf(NotFoundException.class);
        assertThat(schedules.planned(created.id())).isEmpty();
        assertThatThrownBy(() -> schedules.delete("acme", created.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void invalidSchedulesAreRefusedNamingTheField() {
        ScheduleServiceImpl schedules = instance("maxPayloadChars", 20);
        FunctionInfo function = core.deployed("acme", "reporter", BOT);

        assertThat(errors(() -> schedules.create("acme", spec(function.id(), "0 0 9 * * *")))).extracting(FieldError::field)
                .containsExactly("/cronExpression");
        assertThat(errors(() -> schedules.create("acme", spec(function.id(), "61 * * * *")))).extracting(FieldError::field)
                .containsExactly("/cronExpression");
        assertThat(errors(() -> schedules.create("acme", new ScheduleSpec(function.id(), "* * * * *", true, null, "Mars/Olympus",
                List.of(), "{}")))).extracting(FieldError::field).containsExactly("/timeZone");
        assertThat(errors(() -> schedules.create("acme", new ScheduleSpec(function.id(), "* * * * *", true, null, null, List.of(),
                "{\"text\":\"far too long for twenty characters\"}")))).extracting(FieldError::field)
                .containsExactly("/invocationBody/payload");
    }

    @Test
    void schedulesFireAtLeastTheConfiguredIntervalApart() {
        ScheduleServiceImpl schedules = instance("minIntervalSeconds", 300);
        FunctionInfo function = core.deployed("acme", "reporter", BOT);

        assertThat(errors(() -> schedules.create("acme", spec(function.id(), "*/2 * * * *")))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("120 s apart", "300 s"));
        assertThat(schedules.create("acme", spec(function.id(), "*/5 * * * *")).id()).isNotBlank();
    }

    @Test
    void onlyDeployedFunctionsCanBeScheduledAndAnAccountHasAtMostItsLimit() {
        ScheduleServiceImpl schedules = instance("maxPerAccount", 2);
        FunctionInfo draft = core.functions.create("acme", CoreFixture.spec("draft", BOT));
        FunctionInfo deployed = core.deployed("acme", "reporter", BOT);

        assertThatThrownBy(() -> schedules.create("acme", spec(draft.id(), "0 9 * * *"))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("deploy it first");
        assertThatThrownBy(() -> schedules.create("globex", spec(deployed.id(), "0 9 * * *"))).isInstanceOf(ConflictException.class);
        schedules.create("acme", spec(deployed.id(), "0 9 * * *"));
        schedules.create("acme", spec(deployed.id(), "0 10 * * *"));
        assertThatThrownBy(() -> schedules.create("acme", spec(deployed.id(), "0 11 * * *"))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("2 schedules");
    }

    @Test
    void aFiringRunsTheDeployedFunctionWithTriggerScheduleAndIsRecordedOnTheSchedule() {
        ScheduleServiceImpl schedules = instance();
        FunctionInfo function = core.deployed("acme", "reporter", BOT);
        ScheduleInfo schedule = schedules.create("acme", spec(function.id(), "0 9 * * *"));

        schedules.planAt(schedule.id(), Instant.now());

        Await.until("the schedule fired", () -> schedules.get("acme", schedule.id()).lastExecution() != null);
        ScheduleInfo fired = schedules.get("acme", schedule.id());
        assertThat(fired.didLastExecutionFail()).isFalse();
        assertThat(fired.nextExecution()).isAfter(Instant.now());
        assertThat(executor.requests).singleElement().satisfies(r -> assertThat(r.inputJson()).contains("\"kind\":\"report\"", "X-Job"));
        InvocationRecord record = invocations.get("acme", fired.lastInvocationId());
        assertThat(record.trigger()).isEqualTo(Trigger.SCHEDULE);
        Await.until("the scheduler planned the next firing", () -> schedules.planned(schedule.id()).filter(t -> t.isAfter(Instant.now())).isPresent());
    }

    @Test
    void eachFiringRunsOnceAcrossTwoInstancesSharingTheDatabase() {
        ScheduleServiceImpl first = instance();
        ScheduleServiceImpl second = instance();
        FunctionInfo function = core.deployed("acme", "reporter", BOT);
        ScheduleInfo schedule = first.create("acme", spec(function.id(), "0 9 * * *"));

        for (int firing = 1; firing <= 3; firing++) {
            int expected = firing;
            (firing % 2 == 0 ? second : first).planAt(schedule.id(), Instant.now());
            Await.until("firing " + firing + " ran", () -> executor.requests.size() >= expected);
            Await.until("firing " + firing + " is settled", () -> first.planned(schedule.id()).filter(t -> t.isAfter(Instant.now())).isPresent());
            assertThat(executor.requests).as("runs after firing %d", firing).hasSize(expected);
        }
    }

    @Test
    void aFiringMissedWhileNoInstanceRanRunsOnceAtStartOrIsSkippedWhenConfigured() {
        FunctionInfo function = core.deployed("acme", "reporter", BOT);
        ScheduleServiceImpl before = instance();
        ScheduleInfo runs = before.create("acme", spec(function.id(), "0 9 * * *"));
        before.close();
        instances.remove(before);

        ScheduleServiceImpl skipping = instance("runMissedAtStart", false);
        ScheduleInfo skipped = skipping.create("acme", spec(function.id(), "0 10 * * *"));
        skipping.planAt(skipped.id(), Instant.now().minus(Duration.ofMinutes(30)));
        Await.until("the missed firing was passed over", () -> skipping.planned(skipped.id()).filter(t -> t.isAfter(Instant.now())).isPresent());
        assertThat(skipping.get("acme", skipped.id()).lastExecution()).isNull();
        assertThat(executor.requests).isEmpty();
        skipping.close();
        instances.remove(skipping);

        ScheduleServiceImpl after = instance();
        after.planAt(runs.id(), Instant.now().minus(Duration.ofHours(3)));
        Await.until("the missed firing ran", () -> after.get("acme", runs.id()).lastExecution() != null);
        Await.until("the next firing is planned", () -> after.planned(runs.id()).filter(t -> t.isAfter(Instant.now())).isPresent());
        assertThat(executor.requests).hasSize(1);
    }

    @Test
    void undeployingOrDeletingAFunctionDeletesItsSchedules() {
        ScheduleServiceImpl schedules = instance();
        FunctionInfo undeployed = core.deployed("acme", "undeployed", BOT);
        FunctionInfo deleted = core.deployed("acme", "deleted", BOT);
        FunctionInfo kept = core.deployed("acme", "kept", BOT);
        ScheduleInfo gone = schedules.create("acme", spec(undeployed.id(), "0 9 * * *"));
        schedules.create("acme", spec(deleted.id(), "0 9 * * *"));
        ScheduleInfo stays = schedules.create("acme", spec(kept.id(), "0 9 * * *"));

        core.functions.undeploy("acme", undeployed.id());
        core.functions.delete("acme", deleted.id());
        schedules.planAt(gone.id(), Instant.now());

        assertThat(schedules.list("acme")).extracting(ScheduleInfo::id).containsExactly(stays.id());
        Await.until("the orphaned firing ended its row", () -> schedules.planned(gone.id()).isEmpty());
        assertThat(executor.requests).isEmpty();
    }

    @Test
    void gogoCommandsListCreatePauseResumeAndDeleteSchedules() {
        ScheduleServiceImpl schedules = instance();
        FunctionInfo function = core.deployed("acme", "reporter", BOT);
        io.switchboard.core.internal.shell.ScheduleCommands commands = new io.switchboard.core.internal.shell.ScheduleCommands(schedules);

        String created = commands.schedule("acme", function.id(), "0 9 * * 1-5", "Europe/Berlin");
        String id = created.substring(0, created.indexOf(' '));

        assertThat(created).contains(function.id(), "0 9 * * 1-5", "Europe/Berlin", "active");
        assertThat(commands.pause("acme", id)).contains("paused", "next -");
        assertThat(commands.resume("acme", id)).contains("active");
        assertThat(commands.schedules("acme")).contains(id);
        assertThat(commands.schedule("acme", function.id(), "every day")).startsWith("error:").contains("/cronExpression");
        assertThat(commands.unschedule("acme", id)).isEqualTo("deleted " + id);
        assertThat(commands.unschedule("acme", id)).startsWith("error:");
        assertThat(commands.schedules("acme")).isEmpty();
    }

    private static List<FieldError> errors(Runnable call) {
        try {
            call.run();
        } catch (ValidationException e) {
            return e.fieldErrors();
        }
        throw new AssertionError("not refused");
    }
}
