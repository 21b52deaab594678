package io.switchboard.core.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.InvalidPayloadException;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.dispatch.UnknownFunctionException;
import io.switchboard.core.api.event.EventSelection;
import io.switchboard.core.api.event.ResultDelivery;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.api.function.InvocationState;
import io.switchboard.core.api.function.ReportRange;
import io.switchboard.core.internal.invocation.InvocationServiceImpl;
import io.switchboard.core.internal.invocation.RecordingTestAccess;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.DatabaseTest;
import io.switchboard.core.internal.testing.ScriptedExecutor;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestEvents;

/**
 * An event whose every function is quarantined and would not be admitted is refused before its payload is validated,
 * with the time until a retry may be admitted; its refusals keep one full record per second and are all counted.
 */
@DatabaseTest
class QuarantinedRefusalTest {

    private static final String BOT = "third_party_bots_custom_integration";
    private static final String PAYLOAD = "{\"conversationId\":\"c-1\",\"skillId\":\"sales\"}";
    /** Fails the type's schema: no conversationId, a number for the skill. */
    private static final String INVALID = "{\"skillId\": 5, \"consumer\": {}}";

    private static final String COMMAND = "test_command";

    private final CoreFixture core = new CoreFixture(TestEvents.customIntegration(), TestEvents.type(COMMAND).selection(EventSelection.COMMAND)
            .delivery(ResultDelivery.COMMAND_REPLY, "{}").build());
    /** The refusal windows' clock: stands still unless a test moves it. */
    private final AtomicLong millis = new AtomicLong(System.currentTimeMillis());
    private final InvocationServiceImpl invocations = RecordingTestAccess.withRefusalClock(core, millis::get);
    /** A CPU budget (a thousandth of a core, at most 10 ms) that never holds a quarantined run's least 100 ms. */
    private final DispatcherImpl dispatcher = new DispatcherImpl(core.catalog, core.deployedFunctions, invocations, core.database, core.bots,
            TestConfigs.config(DispatcherImpl.Config.class, "quarantineCpuShare", 0.001), Clock.systemUTC());
    private final ScriptedExecutor executor = new ScriptedExecutor(request -> request.code().contains("spin")
            // reported as an executor with threads of its own reports the CPU its run took: all of its two seconds
            ? new ExecutionResult(Outcome.TIMEOUT, null, new ExecutionError("com.switchboard.function.timeout", "spun"), List.of(),
                    Duration.ofSeconds(2), Duration.ofSeconds(2))
            : ScriptedExecutor.ok("{}"));
    private FunctionInfo spinner;

    @BeforeEach
    void quarantineTheSpinner() {
        dispatcher.setExecutor(executor);
        spinner = core.deployedWithCode("acme", "spinner", BOT, "// spin");
        assertThat(dispatch(PAYLOAD).failure().outcome()).as("the first run is stopped and quarantines it").isEqualTo(Outcome.TIMEOUT);
        assertThat(dispatcher.runs().quarantine().isQuarantined(spinner.id())).isTrue();
    }

    @AfterEach
    void close() {
        dispatcher.close();
        invocations.close();
        core.close();
    }

    private DispatchResult dispatch(String payload) {
        return dispatcher.dispatch(new DispatchRequest("acme", BOT, payload, List.of(), Trigger.EVENT));
    }

    @Test
    void anEventOfOnlyQuarantinedFunctionsIsRefusedWithoutValidatingOrRunningAndSaysWhenToRetry() {
        for (String payload : List.of(PAYLOAD, INVALID, "not json at all")) {
            DispatchResult refused = dispatch(payload);

            assertThat(refused.failed()).as(payload).isTrue();
            assertThat(refused.failure().outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(refused.failure().error().errorCode()).isEqualTo("com.switchboard.dispatch.quarantined");
            assertThat(refused.outcomes()).containsExactly(refused.failure());
            assertThat(refused.retryAfter()).as("the quarantine's end: the budget never holds a run").isEqualTo(Duration.ofSeconds(60));
        }
        assertThat(executor.requests).as("only the first run reached the executor").hasSize(1);
    }

    @Test
    void anEventWithAFunctionThatIsNotQuarantinedValidatesAndRunsItAsBefore() {
        core.deployed("acme", "polite", BOT);

        assertThatThrownBy(() -> dispatch(INVALID)).isInstanceOf(InvalidPayloadException.class);
        DispatchResult result = dispatch(PAYLOAD);

        assertThat(result.outcomes()).extracting(FunctionOutcome::functionName, FunctionOutcome::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("polite", Outcome.OK), org.assertj.core.groups.Tuple.tuple("spinner", Outcome.REJECTED));
        assertThat(result.retryAfter()).as("something ran").isNull();
    }

    @Test
    void anEventWithAnIdempotencyKeyTakesTheUsualPathThatClaimsItsKey() {
        assertThatThrownBy(() -> dispatcher.dispatch(new DispatchRequest("acme", BOT, INVALID, List.of(), Trigger.EVENT, "k-1")))
                .isInstanceOf(InvalidPayloadException.class);
        DispatchResult refused = dispatcher.dispatch(new DispatchRequest("acme", BOT, PAYLOAD, List.of(), Trigger.EVENT, "k-2"));
        assertThat(refused.failure().error().errorCode()).isEqualTo("com.switchboard.dispatch.quarantined");
        assertThat(refused.retryAfter()).as("refused for now by the run itself says when to retry, as the early check does")
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(dispatcher.dispatch(new DispatchRequest("acme", BOT, PAYLOAD, List.of(), Trigger.EVENT, "k-2")).outcomes())
                .as("a redelivery is not refused again: its key was claimed").isEmpty();
    }

    @Test
    void theRefusalsOfOneSecondKeepOneFullRecordAndTheReportCountsEveryOne() {
        int refusals = 25;
        for (int i = 0; i < refusals; i++) {
            dispatch(PAYLOAD);
        }

        List<InvocationRecord> stored = invocations.list("acme", spinner.id(), 0, 100).items();
        assertThat(stored).extracting(InvocationRecord::outcome).containsExactlyInAnyOrder(Outcome.TIMEOUT, Outcome.REJECTED);
        assertThat(invocations.report("acme", spinner.id(), ReportRange.HOUR).totals())
                .containsEntry(InvocationState.PLATFORM_FAILURE, (long) refusals);

        millis.addAndGet(1_000);
        dispatch(PAYLOAD);
        assertThat(invocations.list("acme", spinner.id(), 0, 100).items()).as("the next second's first refusal keeps its record")
                .hasSize(3);
        assertThat(invocations.report("acme", spinner.id(), ReportRange.HOUR).totals())
                .containsEntry(InvocationState.PLATFORM_FAILURE, refusals + 1L);
    }

    @Test
    void aCommandIsRefusedByItsNameAndAnUnknownCommandStillAnswersThePayloadsErrorsFirst() {
        core.deployedWithCode("acme", "loop", COMMAND, "// spin");
        assertThat(command("loop", PAYLOAD).failure().outcome()).as("quarantined by its first run").isEqualTo(Outcome.TIMEOUT);

        DispatchResult refused = command("loop", INVALID);
        assertThat(refused.failure().error().errorCode()).isEqualTo("com.switchboard.dispatch.quarantined");
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThatThrownBy(() -> command("nope", INVALID)).as("as before: the payload, then the command")
                .isInstanceOf(InvalidPayloadException.class);
        assertThatThrownBy(() -> command("nope", PAYLOAD)).isInstanceOf(UnknownFunctionException.class);
    }

    private DispatchResult command(String name, String payload) {
        return dispatcher.dispatch(new DispatchRequest("acme", COMMAND, payload, List.of(), Trigger.EVENT, null, name, null, null));
    }
}
