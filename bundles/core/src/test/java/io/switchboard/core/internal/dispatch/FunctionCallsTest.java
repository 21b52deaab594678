package io.switchboard.core.internal.dispatch;

import static io.switchboard.core.internal.testing.ScriptedExecutor.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.bot.BotSpec;
import io.switchboard.core.api.bot.BotVendor;
import io.switchboard.core.api.dispatch.CallDepthExceededException;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.FunctionCall;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.dispatch.UnknownFunctionException;
import io.switchboard.core.api.event.EventSelection;
import io.switchboard.core.api.event.ResultDelivery;
import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.internal.invocation.InvocationServiceImpl;
import io.switchboard.core.internal.testing.Await;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.ScriptedExecutor;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestEvents;

/** Function-to-function calls: same account, bounded depth, the caller's deadline, no concurrency slots; a bot's INVOCATION action. */
class FunctionCallsTest {

    private static final String BOT_EVENT = "bot_connectors_custom_integration";

    private final CountDownLatch release = new CountDownLatch(1);
    private final ScriptedExecutor executor = new ScriptedExecutor(r -> {
        if (r.code().equals("hold")) {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return r.code().equals("fail") ? ScriptedExecutor.error("com.switchboard.function.failed", "child failed") : ok(r.code().equals("hold")
                ? "\"held\"" : r.code());
    });
    private final CoreFixture core = new CoreFixture(TestEvents.type(BOT_EVENT).limit(15).selection(EventSelection.BOT)
            .delivery(ResultDelivery.BOT_RESPONSE, "{\"type\":\"object\"}").build());
    private final InvocationServiceImpl invocations = new InvocationServiceImpl(core.database, core.quotas, TestConfigs.config(InvocationServiceImpl.Config.class));
    private final DispatcherImpl dispatcher = new DispatcherImpl(core.catalog, core.deployedFunctions, invocations, core.database, core.bots,
            TestConfigs.config(DispatcherImpl.Config.class, "maxConcurrentPerAccount", 1), Clock.systemUTC());

    FunctionCallsTest() {
        dispatcher.setExecutor(executor);
    }

    @AfterEach
    void close() {
        release.countDown();
        dispatcher.close();
        invocations.close();
        core.close();
    }

    private static FunctionCall call(String account, String ref, int callerDepth, Instant deadline) {
        return new FunctionCall(account, ref, "{\"n\":1}", List.of(new Header("X-Caller", "parent")), "inv-parent", callerDepth, deadline);
    }

    private static Instant inAMinute() {
        return Instant.now().plusSeconds(60);
    }

    @Test
    void aFunctionCallsAnotherOfItsAccountWhichRunsOneLevelDeeperAndIsRecordedAsCalledByAFunction() {
        FunctionInfo callee = core.deployedWithCode("acme", "callee", null, "{\"child\":true}");

        FunctionOutcome outcome = dispatcher.call(call("acme", "callee", 0, inAMinute()));

        assertThat(outcome.outcome()).isEqualTo(Outcome.OK);
        assertThat(outcome.resultJson()).isEqualTo("{\"child\":true}");
        ExecutionRequest request = executor.requests.get(0);
        assertThat(request.callDepth()).isEqualTo(1);
        assertThat(request.inputJson()).contains("\"payload\":{\"n\":1}", "X-Caller");
        Await.until("the record is stored", () -> invocations.list("acme", callee.id(), 0, 5).total() == 1);
        assertThat(invocations.list("acme", callee.id(), 0, 5).items()).extracting(InvocationRecord::trigger).containsExactly(Trigger.FUNCTION);
    }

    @Test
    void anotherAccountsFunctionIsUnknown() {
        core.deployedWithCode("globex", "theirs", null, "1");
        String theirId = core.functions.list("globex", 0, 5).items().get(0).id();

        assertThatThrownBy(() -> dispatcher.call(call("acme", theirId, 0, inAMinute()))).isInstanceOf(UnknownFunctionException.class);
        assertThatThrownBy(() -> dispatcher.call(call("acme", "theirs", 0, inAMinute()))).isInstanceOf(UnknownFunctionException.class);
        assertThat(executor.requests).isEmpty();
    }

    @Test
    void callsNestAtMostThreeDeep() {
        core.deployedWithCode("acme", "callee", null, "1");

        assertThat(dispatcher.call(call("acme", "callee", 2, inAMinute())).outcome()).isEqualTo(Outcome.OK);
        assertThatThrownBy(() -> dispatcher.call(call("acme", "callee", 3, inAMinute())))
                .isInstanceOfSatisfying(CallDepthExceededException.class, e -> assertThat(e.maxDepth()).isEqualTo(3))
                .hasMessageContaining("call 4");
    }

    @Test
    void theCalleeRunsWithinTheCallersDeadline() {
        core.deployedWithCode("acme", "callee", null, "1");

        assertThat(dispatcher.call(call("acme", "callee", 0, Instant.now().minusMillis(1))).outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(executor.requests).isEmpty();
        dispatcher.call(call("acme", "callee", 0, Instant.now().plusSeconds(5)));
        assertThat(executor.requests.get(0).timeout()).isLessThanOrEqualTo(Duration.ofSeconds(5)).isPositive();
    }

    @Test
    void theCalleeDoesNotWaitForTheSlotsItsCallerHolds() throws Exception {
        core.deployedWithCode("acme", "caller", null, "hold");
        core.deployedWithCode("acme", "callee", null, "\"ran\"");
        Thread caller = new Thread(() -> dispatcher.invoke("acme", "caller", "{}", List.of(), Trigger.EXTERNAL));
        caller.start();
        Await.until("the caller holds the account's only slot", () -> executor.requests.size() == 1);

        FunctionOutcome outcome = dispatcher.call(call("acme", "callee", 0, inAMinute()));

        assertThat(outcome.outcome()).isEqualTo(Outcome.OK);
        assertThat(outcome.resultJson()).isEqualTo("\"ran\"");
        release.countDown();
        caller.join(20_000);
    }

    @Test
    void aBotsInvocationActionInvokesTheLambdaAndFailsTheEventOnlyWithFailOnError() {
        FunctionInfo child = core.deployedWithCode("acme", "child", null, "\"child result\"");
        core.deployedWithCode("acme", "failing-child", null, "fail");
        core.deployedWithCode("acme", "bot-fn", BOT_EVENT, "{\"messages\":[\"one moment\"],\"context\":{\"action\":\"INVOCATION\","
                + "\"actionParameters\":{\"lambdaUuid\":\"" + child.id() + "\",\"payload\":\"{\\\"some\\\":\\\"stuff\\\"}\"}}}");
        core.deployedWithCode("acme", "strict-bot-fn", BOT_EVENT, "{\"messages\":[],\"context\":{\"action\":\"INVOCATION\","
                + "\"actionParameters\":{\"lambdaUuid\":\"failing-child\",\"failOnError\":true}}}");
        core.deployedWithCode("acme", "lenient-bot-fn", BOT_EVENT, "{\"messages\":[],\"context\":{\"action\":\"INVOCATION\","
                + "\"actionParameters\":{\"lambdaUuid\":\"failing-child\"}}}");
        core.bots.create("acme", new BotSpec("bot", BotVendor.FAAS, Map.of(BOT_EVENT, "bot-fn")));
        core.bots.create("acme", new BotSpec("strict", BotVendor.FAAS, Map.of(BOT_EVENT, "strict-bot-fn")));
        core.bots.create("acme", new BotSpec("lenient", BotVendor.FAAS, Map.of(BOT_EVENT, "lenient-bot-fn")));

        DispatchResult invoking = botEvent("bot");
        assertThat(invoking.failed()).isFalse();
        assertThat(invoking.resultJson()).contains("one moment");
        ExecutionRequest childRun = executor.requests.stream().filter(r -> r.functionId().equals(child.id())).findFirst().orElseThrow();
        assertThat(childRun.inputJson()).contains("\"payload\":{\"some\":\"stuff\"}");
        assertThat(childRun.callDepth()).isEqualTo(1);

        DispatchResult strict = botEvent("strict");
        assertThat(strict.failed()).isTrue();
        assertThat(strict.failure().error().errorCode()).isEqualTo("com.switchboard.function.invocation-failed");
        assertThat(strict.failure().error().errorMsg()).contains("failing-child", "child failed");

        assertThat(botEvent("lenient").failed()).isFalse();
    }

    private DispatchResult botEvent(String botId) {
        return dispatcher.dispatch(new DispatchRequest("acme", BOT_EVENT, "{\"conversationId\":\"c\"}", List.of(), Trigger.EVENT, null, null,
                botId, null));
    }
}
