package io.switchboard.core.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.internal.db.Rows;
import io.switchboard.core.internal.invocation.InvocationServiceImpl;
import io.switchboard.core.internal.testing.Await;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.DatabaseTest;
import io.switchboard.core.internal.testing.ScriptedExecutor;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestEvents;

/** An event delivered again under the idempotency key it was accepted with is answered, not run again. */
@DatabaseTest
class IdempotentDispatchTest {

    private static final String END = "messaging_conversation_end";
    private static final String BOT = "third_party_bots_custom_integration";
    private static final String PAYLOAD = "{\"conversationId\":\"c-1\",\"skillId\":\"sales\"}";

    private final CoreFixture core = new CoreFixture(TestEvents.conversationEnd(), TestEvents.customIntegration());
    private final InvocationServiceImpl invocations = new InvocationServiceImpl(core.database, core.quotas,
            TestConfigs.config(InvocationServiceImpl.Config.class));
    private final DispatcherImpl dispatcher = new DispatcherImpl(core.catalog, core.deployedFunctions, invocations, core.database, core.bots,
            TestConfigs.config(DispatcherImpl.Config.class), Clock.systemUTC());
    private final ScriptedExecutor executor = ScriptedExecutor.echo();

    IdempotentDispatchTest() {
        dispatcher.setExecutor(executor);
    }

    @AfterEach
    void close() {
        dispatcher.close();
        invocations.close();
        core.close();
    }

    private DispatchResult dispatch(String eventType, String key) {
        return dispatcher.dispatch(new DispatchRequest("acme", eventType, PAYLOAD, List.of(), Trigger.EVENT, key));
    }

    @Test
    void anAsynchronousEventRedeliveredUnderItsKeyIsAcceptedOnceAndRunsOnce() {
        core.deployed("acme", "end", END);

        DispatchResult first = dispatch(END, "kafka:events/0/41");
        DispatchResult again = dispatch(END, "kafka:events/0/41");
        DispatchResult other = dispatch(END, "kafka:events/0/42");

        assertThat(again.eventId()).isEqualTo(first.eventId());
        assertThat(again.mode()).isEqualTo(InvocationMode.ASYNC);
        assertThat(other.eventId()).isNotEqualTo(first.eventId());
        Await.until("both events ran", () -> executor.requests.size() == 2);
        assertThat(core.database.<Long>withConnection("events", c -> Rows.count(c, "SELECT COUNT(*) FROM async_events"))).isEqualTo(2L);
    }

    @Test
    void aSynchronousEventRedeliveredUnderItsKeyDoesNotRunAgain() {
        core.deployed("acme", "bot", BOT);

        DispatchResult first = dispatch(BOT, "kafka:bots/3/7");
        DispatchResult again = dispatch(BOT, "kafka:bots/3/7");

        assertThat(first.outcomes()).hasSize(1);
        assertThat(again.eventId()).isEqualTo(first.eventId());
        assertThat(again.outcomes()).isEmpty();
        assertThat(executor.requests).hasSize(1);
    }

    @Test
    void eventsWithoutAKeyAlwaysRun() {
        core.deployed("acme", "bot", BOT);

        dispatch(BOT, null);
        dispatch(BOT, null);

        assertThat(executor.requests).hasSize(2);
    }

    @Test
    void theSameKeyDeliveredConcurrentlyIsAcceptedOnce() throws Exception {
        core.deployed("acme", "end", END);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            CyclicBarrier together = new CyclicBarrier(8);
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ids.add(callers.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return dispatch(END, "kafka:events/1/9").eventId();
                }));
            }
            Set<String> distinct = ids.stream().map(f -> {
                try {
                    return f.get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).collect(Collectors.toSet());

            assertThat(distinct).hasSize(1);
            Await.until("the event ran", () -> executor.requests.size() == 1);
            assertThat(core.database.<Long>withConnection("tasks", c -> Rows.count(c, "SELECT COUNT(*) FROM async_tasks"))).isEqualTo(1L);
        } finally {
            callers.shutdownNow();
        }
    }
}
