package io.switchboard.core.internal.dispatch;

import static io.switchboard.core.internal.testing.ScriptedExecutor.error;
import static io.switchboard.core.internal.testing.ScriptedExecutor.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.dispatch.DeadLetterInfo;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.FunctionRun;
import io.switchboard.core.api.dispatch.SettledEvent;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.event.ResultDelivery;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.internal.invocation.InvocationServiceImpl;
import io.switchboard.core.internal.testing.Await;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.ScriptedExecutor;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestEvents;

/**
 * Results are held to their event's result schema and combined per the type's delivery; an asynchronous event settles
 * as one unit: one settled event (one delivery) once all its functions finished, none when one failed after its retries.
 */
class EventContractsTest {

    private static final String SYNC = "sync_messaging";
    private static final String ASYNC = "async_messaging";
    private static final String PAYLOAD = "{\"conversationId\":\"c-1\"}";

    /** Every function answers what its code says: the code is the result JSON, or "fail". */
    private final ScriptedExecutor executor = new ScriptedExecutor(r -> r.code().equals("fail") ? error("com.switchboard.function.failed", "boom")
            : ok(r.code()));
    private final CoreFixture core = new CoreFixture(
            TestEvents.type(SYNC).limit(2).delivery(ResultDelivery.COMMANDS, TestEvents.COMMANDS_SCHEMA).build(),
            TestEvents.type(ASYNC).limit(2).async(1).delivery(ResultDelivery.COMMANDS, TestEvents.COMMANDS_SCHEMA).build());
    private final InvocationServiceImpl invocations = new InvocationServiceImpl(core.database, core.quotas, TestConfigs.config(InvocationServiceImpl.Config.class));
    private final DispatcherImpl dispatcher = new DispatcherImpl(core.catalog, core.deployedFunctions, invocations, core.database, core.bots,
            TestConfigs.config(DispatcherImpl.Config.class, "asyncBackoffMs", 1L), Clock.systemUTC());
    private final List<SettledEvent> settled = new CopyOnWriteArrayList<>();

    EventContractsTest() {
        dispatcher.setExecutor(executor);
        dispatcher.addSettledEventListener(settled::add, ASYNC);
    }

    @AfterEach
    void close() {
        dispatcher.close();
        invocations.close();
        core.close();
    }

    private DispatchResult dispatch(String event) {
        return dispatcher.dispatch(new DispatchRequest("acme", event, PAYLOAD, List.of(), Trigger.EVENT));
    }

    private List<InvocationRecord> records(FunctionInfo function) {
        return invocations.list("acme", function.id(), 0, 50).items();
    }

    @Test
    void aSyncEventAnswersTheCombinedCommandsOfItsFunctionsInNameOrder() {
        core.deployedWithCode("acme", "beta", SYNC, "[{\"type\":\"systemMessage\",\"text\":\"from beta\"},{\"type\":\"closeConversation\"}]");
        core.deployedWithCode("acme", "alpha", SYNC, "{\"type\":\"systemMessage\",\"text\":\"from alpha\"}");

        DispatchResult result = dispatch(SYNC);

        assertThat(result.failed()).isFalse();
        assertThat(result.delivery()).isEqualTo(ResultDelivery.COMMANDS);
        assertThat(result.resultJson()).isEqualTo("{\"commands\":[{\"type\":\"systemMessage\",\"text\":\"from alpha\"},"
                + "{\"type\":\"closeConversation\"}],\"useDefaultAutoMessage\":false}");
        assertThat(result.outcomes()).extracting(o -> o.functionName()).containsExactly("alpha", "beta");
    }

    @Test
    void aResultThatBreaksTheContractIsTheFunctionsErrorInItsRecordAndTheSyncEventsFailure() {
        FunctionInfo broken = core.deployedWithCode("acme", "broken", SYNC, "[{\"type\":\"sendMessage\",\"text\":\"old contract\"}]");
        core.deployedWithCode("acme", "fine", SYNC, "[]");

        DispatchResult result = dispatch(SYNC);

        assertThat(result.failed()).isTrue();
        assertThat(result.resultJson()).isNull();
        assertThat(result.failure().functionName()).isEqualTo("broken");
        assertThat(result.failure().error().errorCode()).isEqualTo("com.switchboard.function.invalid-result");
        assertThat(result.failure().error().errorMsg()).contains("'sync_messaging'", "/0/type");
        Await.until("the record is stored", () -> records(broken).size() == 1);
        assertThat(records(broken).get(0).outcome()).isEqualTo(Outcome.ERROR);
        assertThat(records(broken).get(0).error().errorCode()).isEqualTo("com.switchboard.function.invalid-result");
        assertThat(records(broken).get(0).resultJson()).isNull();
    }

    @Test
    void anAsyncEventSettlesOnceWithTheCombinedResultsWhenAllItsFunctionsFinished() {
        AtomicBoolean failedOnce = new AtomicBoolean();
        executor.requests.clear();
        ScriptedExecutor flaky = new ScriptedExecutor(r -> r.code().startsWith("null") && failedOnce.compareAndSet(false, true)
                ? error("com.switchboard.function.failed", "first attempt") : ok(r.code().replace("null /* flaky */", "null")));
        dispatcher.setExecutor(flaky);
        FunctionInfo b = core.deployedWithCode("acme", "b-default", ASYNC, "null /* flaky */");
        FunctionInfo a = core.deployedWithCode("acme", "a-transfer", ASYNC, "[{\"type\":\"transfer\",\"skillId\":\"42\"}]");

        DispatchResult accepted = dispatch(ASYNC);

        assertThat(accepted.mode()).isEqualTo(InvocationMode.ASYNC);
        Await.until("the event settled", () -> settled.size() == 1);
        SettledEvent event = settled.get(0);
        assertThat(event.eventId()).isEqualTo(accepted.eventId());
        assertThat(event.delivered()).isTrue();
        assertThat(event.delivery()).isEqualTo(ResultDelivery.COMMANDS);
        assertThat(event.resultJson()).isEqualTo("{\"commands\":[{\"type\":\"transfer\",\"skillId\":\"42\"}],\"useDefaultAutoMessage\":true}");
        assertThat(event.functions()).containsExactly(new FunctionRun(a.id(), "a-transfer", 1), new FunctionRun(b.id(), "b-default", 1));
        assertThat(records(b)).extracting(InvocationRecord::outcome).containsExactlyInAnyOrder(Outcome.ERROR, Outcome.OK);
        assertThat(settled).hasSize(1);
    }

    @Test
    void anAsyncEventWhoseFunctionStillFailsAfterItsRetriesIsDeadLetteredAndNotDelivered() {
        FunctionInfo failing = core.deployedWithCode("acme", "failing", ASYNC, "fail");
        core.deployedWithCode("acme", "fine", ASYNC, "[]");

        DispatchResult accepted = dispatch(ASYNC);

        Await.until("the event settled", () -> settled.size() == 1);
        assertThat(settled.get(0).delivered()).isFalse();
        assertThat(settled.get(0).resultJson()).isNull();
        assertThat(records(failing)).hasSize(2).extracting(InvocationRecord::outcome).containsOnly(Outcome.ERROR);
        DeadLetterInfo dead = dispatcher.list("acme", 0, 10).items().get(0);
        assertThat(dead.eventId()).isEqualTo(accepted.eventId());
        assertThat(dead.attempts()).isEqualTo(2);
    }

    @Test
    void aRetriedDeadLetterSettlesItsEventAgainAndThenItIsDelivered() {
        FunctionInfo failing = core.deployedWithCode("acme", "failing", ASYNC, "fail");
        dispatch(ASYNC);
        Await.until("the event is dead-lettered", () -> settled.size() == 1);

        core.functions.update("acme", failing.id(), new io.switchboard.core.api.function.FunctionSpec("failing", "",
                "{\"type\":\"closeConversation\"}", ASYNC, List.of(), null, null, null, null, null));
        core.functions.deploy("acme", failing.id());
        dispatcher.retry("acme", dispatcher.list("acme", 0, 10).items().get(0).taskId());

        Await.until("the event settled again", () -> settled.size() == 2);
        assertThat(settled.get(1).delivered()).isTrue();
        assertThat(settled.get(1).resultJson()).isEqualTo("{\"commands\":[{\"type\":\"closeConversation\"}],\"useDefaultAutoMessage\":false}");
        assertThat(settled.get(1).functions()).extracting(FunctionRun::version).containsExactly(2);
    }

    @Test
    void anAsyncResultThatBreaksTheContractIsRetriedAndDeadLetteredLikeAnyError() {
        FunctionInfo broken = core.deployedWithCode("acme", "broken", ASYNC, "{\"type\":\"explode\"}");

        dispatch(ASYNC);

        Await.until("the event settled", () -> settled.size() == 1);
        assertThat(settled.get(0).delivered()).isFalse();
        assertThat(records(broken)).hasSize(2).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(r.error().errorCode()).isEqualTo("com.switchboard.function.invalid-result");
        });
        assertThat(dispatcher.list("acme", 0, 10).items().get(0).lastError()).contains("invalid-result");
    }

    @Test
    void anAsyncEventWithoutFunctionsIsAcceptedButNothingRunsOrSettles() {
        DispatchResult accepted = dispatch(ASYNC);

        assertThat(accepted.mode()).isEqualTo(InvocationMode.ASYNC);
        assertThat(core.database.<Long>withConnection("events", c -> io.switchboard.core.internal.db.Rows.count(c,
                "SELECT COUNT(*) FROM async_events"))).isZero();
        assertThat(settled).isEmpty();
    }

    @Test
    void anAsyncTypeInvokedSynchronouslyAnswersItsCombinedResultAndStoresNothing() {
        core.deployedWithCode("acme", "alpha", ASYNC, "null");

        DispatchResult result = dispatcher.dispatch(new DispatchRequest("acme", ASYNC, PAYLOAD, List.of(), Trigger.EXTERNAL, null, null, null,
                InvocationMode.SYNC));

        assertThat(result.mode()).isEqualTo(InvocationMode.SYNC);
        assertThat(result.resultJson()).isEqualTo("{\"commands\":[],\"useDefaultAutoMessage\":true}");
        assertThat(settled).isEmpty();
        assertThat(core.database.<Long>withConnection("events", c -> io.switchboard.core.internal.db.Rows.count(c,
                "SELECT COUNT(*) FROM async_events"))).isZero();
    }
}
