package io.switchboard.core.internal.dispatch;

import static io.switchboard.core.internal.testing.ScriptedExecutor.error;
import static io.switchboard.core.internal.testing.ScriptedExecutor.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.dispatch.AsyncOutcome;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.internal.invocation.InvocationServiceImpl;
import io.switchboard.core.internal.testing.Await;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.ScriptedExecutor;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestEvents;
import io.switchboard.core.internal.testing.DatabaseTest;

@DatabaseTest
class AsyncOutcomeListenerTest {

    private static final String END = "messaging_conversation_end";
    private static final String PAYLOAD = "{\"conversationId\":\"c-1\",\"skillId\":\"sales\"}";

    private CoreFixture core;
    private InvocationServiceImpl invocations;
    private DispatcherImpl dispatcher;

    private void start(ScriptedExecutor executor, Object... config) {
        start(4, executor, config);
    }

    private void start(int retries, ScriptedExecutor executor, Object... config) {
        core = new CoreFixture(TestEvents.conversationEnd(retries));
        invocations = new InvocationServiceImpl(core.database, core.quotas, TestConfigs.config(InvocationServiceImpl.Config.class));
        dispatcher = new DispatcherImpl(core.catalog, core.deployedFunctions, invocations, core.database, core.bots,
                TestConfigs.config(DispatcherImpl.Config.class, config), Clock.systemUTC());
        dispatcher.setExecutor(executor);
    }

    @AfterEach
    void close() {
        dispatcher.close();
        invocations.close();
        core.close();
    }

    private DispatchResult dispatch() {
        return dispatcher.dispatch(new DispatchRequest("acme", END, PAYLOAD, List.of(), Trigger.EVENT, "sales", null, null, null));
    }

    @Test
    void aListenerHearsTheOutcomeOnlyAfterTheInvocationRecordIsStored() {
        start(new ScriptedExecutor(r -> ok("{\"type\":\"closeConversation\"}")));
        FunctionInfo end = core.deployed("acme", "end", END);
        List<AsyncOutcome> heard = new CopyOnWriteArrayList<>();
        List<InvocationRecord> storedWhenHeard = new CopyOnWriteArrayList<>();
        dispatcher.addAsyncOutcomeListener(outcome -> {
            storedWhenHeard.add(invocations.get(outcome.account(), outcome.outcome().invocationId()));
            heard.add(outcome);
        }, null);

        DispatchResult result = dispatch();

        Await.until("the listener heard the outcome", () -> heard.size() == 1);
        AsyncOutcome outcome = heard.get(0);
        assertThat(outcome.eventId()).isEqualTo(result.eventId());
        assertThat(outcome.account()).isEqualTo("acme");
        assertThat(outcome.eventTypeId()).isEqualTo(END);
        assertThat(outcome.attempt()).isEqualTo(1);
        assertThat(outcome.finalAttempt()).isTrue();
        assertThat(outcome.outcome().functionId()).isEqualTo(end.id());
        assertThat(outcome.outcome().resultJson()).isEqualTo("{\"type\":\"closeConversation\"}");
        assertThat(storedWhenHeard).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(Outcome.OK);
            assertThat(record.eventId()).isEqualTo(result.eventId());
        });
    }

    @Test
    void eachRetryIsToldAndOnlyTheDeadLetteredAttemptIsFinal() {
        start(2, new ScriptedExecutor(r -> error("E42", "always broken")), "asyncBackoffMs", 1L);
        core.deployed("acme", "end", END);
        List<AsyncOutcome> heard = new CopyOnWriteArrayList<>();
        dispatcher.addAsyncOutcomeListener(heard::add, null);

        dispatch();

        Await.until("the last attempt was told", () -> heard.stream().anyMatch(AsyncOutcome::finalAttempt));
        assertThat(heard).extracting(AsyncOutcome::attempt).containsExactly(1, 2, 3);
        assertThat(heard).extracting(AsyncOutcome::finalAttempt).containsExactly(false, false, true);
        assertThat(heard.get(2).outcome().error().errorCode()).isEqualTo("E42");
        assertThat(dispatcher.list("acme", 0, 10).items()).hasSize(1);
    }

    @Test
    void aListenerOfAnotherEventTypeHearsNothing() {
        start(ScriptedExecutor.echo());
        core.deployed("acme", "end", END);
        List<AsyncOutcome> otherType = new CopyOnWriteArrayList<>();
        List<AsyncOutcome> endType = new CopyOnWriteArrayList<>();
        List<AsyncOutcome> everything = new CopyOnWriteArrayList<>();
        // Told in registration order: once the last one heard, the others had their chance.
        dispatcher.addAsyncOutcomeListener(otherType::add, "messaging_ttr");
        dispatcher.addAsyncOutcomeListener(endType::add, new String[] {"messaging_ttr", END});
        dispatcher.addAsyncOutcomeListener(everything::add, null);

        dispatch();

        Await.until("the unfiltered listener heard", () -> everything.size() == 1);
        assertThat(otherType).isEmpty();
        assertThat(endType).hasSize(1);
    }

    @Test
    void aThrowingListenerNeitherKeepsOthersFromHearingNorBreaksTheQueue() {
        start(ScriptedExecutor.echo());
        FunctionInfo end = core.deployed("acme", "end", END);
        List<String> heard = new CopyOnWriteArrayList<>();
        dispatcher.addAsyncOutcomeListener(outcome -> {
            throw new IllegalStateException("broken listener");
        }, END);
        dispatcher.addAsyncOutcomeListener(outcome -> heard.add(outcome.eventId()), END);

        List<String> events = new ArrayList<>();
        events.add(dispatch().eventId());
        events.add(dispatch().eventId());

        Await.until("both events were told", () -> heard.size() == 2);
        assertThat(heard).containsExactlyInAnyOrderElementsOf(events);
        assertThat(invocations.list("acme", end.id(), 0, 10).items()).extracting(InvocationRecord::outcome)
                .containsExactly(Outcome.OK, Outcome.OK);
        assertThat(dispatcher.list("acme", 0, 10).items()).isEmpty();
    }

    @Test
    void aRemovedListenerHearsNoMore() {
        start(ScriptedExecutor.echo());
        core.deployed("acme", "end", END);
        List<AsyncOutcome> removed = new CopyOnWriteArrayList<>();
        List<AsyncOutcome> kept = new CopyOnWriteArrayList<>();
        io.switchboard.core.api.dispatch.AsyncOutcomeListener gone = removed::add;
        dispatcher.addAsyncOutcomeListener(gone, null);
        dispatcher.addAsyncOutcomeListener(kept::add, null);
        dispatcher.unbindAsyncOutcomeListener(gone);

        dispatch();

        Await.until("the kept listener heard", () -> kept.size() == 1);
        assertThat(removed).isEmpty();
    }
}
