package io.switchboard.core.internal.dispatch;

import static io.switchboard.core.internal.testing.ScriptedExecutor.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.dispatch.CapacityExceededException;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.SettledEventListener;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.internal.invocation.InvocationServiceImpl;
import io.switchboard.core.internal.testing.Await;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.ScriptedExecutor;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestEvents;

/**
 * Issue 13, item 9: the dispatch components apply a changed {@code io.switchboard.core.dispatch} live ({@code @Modified})
 * instead of being restarted, so the same objects keep serving while limits, retry delays and the asynchronous
 * queue's workers change under them.
 */
class LiveDispatchConfigurationTest {

    private static final String END = "messaging_conversation_end";

    private final CoreFixture core = new CoreFixture(TestEvents.conversationEnd(2));
    private final InvocationServiceImpl invocations = new InvocationServiceImpl(core.database, core.quotas,
            TestConfigs.config(InvocationServiceImpl.Config.class));
    private final DispatcherImpl dispatcher = new DispatcherImpl(core.catalog, core.deployedFunctions, invocations, core.database, core.bots,
            TestConfigs.config(DispatcherImpl.Config.class));
    private final Map<String, Boolean> settled = new ConcurrentHashMap<>();

    @AfterEach
    void close() {
        dispatcher.close();
        invocations.close();
        core.close();
    }

    private static DispatcherImpl.Config config(Object... overrides) {
        return TestConfigs.config(DispatcherImpl.Config.class, overrides);
    }

    @Test
    void aLoweredFunctionLimitAndANewRetryAfterApplyToTheNextCallWithoutARestart() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        dispatcher.setExecutor(new ScriptedExecutor(request -> {
            started.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ok("1");
        }));
        core.deployed("acme", "busy", null);
        Thread caller = new Thread(() -> dispatcher.invoke("acme", "busy", "{}", List.of(), Trigger.EXTERNAL));
        caller.start();
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

        dispatcher.runs().modified(config("maxConcurrentPerFunction", 1, "retryAfterSeconds", 7));
        dispatcher.modified(config("maxConcurrentPerFunction", 1, "retryAfterSeconds", 7));

        assertThatThrownBy(() -> dispatcher.invoke("acme", "busy", "{}", List.of(), Trigger.EXTERNAL))
                .isInstanceOfSatisfying(CapacityExceededException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        release.countDown();
        caller.join(20_000);
        assertThat(dispatcher.invoke("acme", "busy", "{}", List.of(), Trigger.EXTERNAL).outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void asynchronousEventsRunBeforeAndAfterTheQueueIsGivenOtherWorkersAndLease() {
        dispatcher.setExecutor(ScriptedExecutor.echo());
        dispatcher.addSettledEventListener((SettledEventListener) event -> settled.put(event.eventId(), event.delivered()), null);
        core.deployed("acme", "end", END, "sales");
        String before = dispatch();
        Await.until("the first event settled", () -> settled.containsKey(before));

        dispatcher.deadLetters().modified(config("asyncWorkers", 2, "taskLeaseSeconds", 3, "asyncPollingMillis", 100L));
        assertThat(dispatcher.takeoverWithin()).isEqualTo(Duration.ofMillis(3_000 + 2 * 300 + 100));

        String after = dispatch();
        Await.until("the event accepted after the change settled", () -> settled.containsKey(after));
        assertThat(settled).containsEntry(before, true).containsEntry(after, true);
    }

    private String dispatch() {
        return dispatcher.dispatch(new DispatchRequest("acme", END, "{\"conversationId\":\"c-1\",\"skillId\":\"sales\"}", List.of(),
                Trigger.EVENT, "sales", null, null, null)).eventId();
    }
}
