package io.switchboard.core.internal.dispatch;

import static io.switchboard.core.internal.testing.ScriptedExecutor.error;
import static io.switchboard.core.internal.testing.ScriptedExecutor.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.core.api.dispatch.CapacityExceededException;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.dispatch.InvalidPayloadException;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.dispatch.UnknownEventTypeException;
import io.switchboard.core.api.dispatch.UnknownFunctionException;
import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.internal.invocation.InvocationServiceImpl;
import io.switchboard.core.internal.json.Json;
import io.switchboard.core.internal.testing.Await;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.ScriptedExecutor;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestEvents;
import io.switchboard.core.internal.testing.DatabaseTest;

@DatabaseTest
class DispatchTest {

    private static final String BOT = "third_party_bots_custom_integration";
    private static final String SKILLS = "sync_skills";
    private static final String PAYLOAD = "{\"conversationId\":\"c-1\",\"skillId\":\"sales\"}";

    private final CoreFixture core = new CoreFixture(TestEvents.customIntegration(), TestEvents.syncWithSkills(SKILLS, 2),
            TestEvents.conversationEnd());
    private final InvocationServiceImpl invocations = new InvocationServiceImpl(core.database, core.quotas,
            TestConfigs.config(InvocationServiceImpl.Config.class));
    private DispatcherImpl dispatcher = dispatcher();

    private DispatcherImpl dispatcher(Object... config) {
        return new DispatcherImpl(core.catalog, core.deployedFunctions, invocations, core.database, core.bots,
                TestConfigs.config(DispatcherImpl.Config.class, config), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        dispatcher.close();
        invocations.close();
        core.close();
    }

    private DispatchResult dispatch(String account, String event, String payload) {
        return dispatcher.dispatch(new DispatchRequest(account, event, payload, List.of(new Header("X-Trace", "t-1")), Trigger.EVENT));
    }

    @Test
    void aSyncEventRunsOnlyTheAccountsProductiveFunctions() {
        dispatcher.setExecutor(ScriptedExecutor.echo());
        FunctionInfo productive = core.deployed("acme", "bot", BOT);
        core.functions.create("acme", CoreFixture.spec("draft", BOT));
        FunctionInfo undeployed = core.deployed("acme", "gone", BOT);
        core.functions.undeploy("acme", undeployed.id());
        core.deployed("globex", "other-account", BOT);

        DispatchResult result = dispatch("acme", BOT, PAYLOAD);

        assertThat(result.mode()).isEqualTo(io.switchboard.core.api.event.InvocationMode.SYNC);
        assertThat(result.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.functionId()).isEqualTo(productive.id());
            assertThat(o.outcome()).isEqualTo(Outcome.OK);
            assertThat(o.version()).isEqualTo(1);
        });
    }

    @Test
    void functionsGetPayloadHeadersAndAVersionedCodeId() throws Exception {
        ScriptedExecutor executor = ScriptedExecutor.echo();
        dispatcher.setExecutor(executor);
        FunctionInfo bot = core.deployed("acme", "bot", BOT);

        dispatch("acme", BOT, PAYLOAD);

        ExecutionRequest request = executor.requests.get(0);
        assertThat(request.codeId()).isEqualTo(bot.id() + "@1");
        assertThat(request.account()).isEqualTo("acme");
        assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(30));
        JsonNode input = Json.parse(request.inputJson());
        assertThat(input.at("/payload/conversationId").asText()).isEqualTo("c-1");
        assertThat(input.at("/headers/0/key").asText()).isEqualTo("X-Trace");
        assertThat(input.at("/headers/0/value").asText()).isEqualTo("t-1");
    }

    @Test
    void skillEventsRunTheFunctionsOfTheCallersSkillElseTheDefaultOnes() {
        dispatcher.setExecutor(ScriptedExecutor.echo());
        core.deployed("acme", "sales", SKILLS, "sales");
        core.deployed("acme", "support", SKILLS, "support", "sales-2");
        core.deployed("acme", "every-skill", SKILLS);

        assertThat(dispatchForSkill(SKILLS, "sales").outcomes()).extracting(FunctionOutcome::functionName).containsExactly("sales");
        assertThat(dispatchForSkill(SKILLS, "billing").outcomes()).extracting(FunctionOutcome::functionName).containsExactly("every-skill");
        assertThat(dispatchForSkill(SKILLS, null).outcomes()).extracting(FunctionOutcome::functionName).containsExactly("every-skill");
        // The skill is the caller's: one in the payload selects nothing.
        assertThat(dispatch("acme", SKILLS, "{\"conversationId\":\"c-1\",\"skillId\":\"support\"}").outcomes())
                .extracting(FunctionOutcome::functionName).containsExactly("every-skill");
    }

    private DispatchResult dispatchForSkill(String event, String skill) {
        return dispatcher.dispatch(new DispatchRequest("acme", event, PAYLOAD, List.of(), Trigger.EVENT, skill, null, null, null));
    }

    @Test
    void anInvalidPayloadListsTheFailingFieldsAsJsonPointers() {
        assertThatThrownBy(() -> dispatch("acme", BOT, "{\"skillId\": 5, \"consumer\": {}}"))
                .isInstanceOfSatisfying(InvalidPayloadException.class, e -> assertThat(e.fieldErrors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder("/conversationId", "/skillId", "/consumer/id"))
                .satisfies(e -> assertThat(((InvalidPayloadException) e).fieldErrors()).extracting(FieldError::message)
                        .contains("required property 'conversationId' not found", "integer found, string expected"));
        assertThatThrownBy(() -> dispatch("acme", BOT, "{not json"))
                .isInstanceOfSatisfying(InvalidPayloadException.class, e -> assertThat(e.fieldErrors()).extracting(FieldError::field)
                        .containsExactly(""));
        assertThatThrownBy(() -> dispatch("acme", BOT, PAYLOAD + " {\"second\": 1}"))
                .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("Payload is not JSON");
        assertThatThrownBy(() -> dispatcher.invoke("acme", "anything", "[1] 2", List.of(), Trigger.EXTERNAL))
                .isInstanceOf(InvalidPayloadException.class);
    }

    @Test
    void anUnknownEventIsRefused() {
        assertThatThrownBy(() -> dispatch("acme", "nope", PAYLOAD)).isInstanceOf(UnknownEventTypeException.class);
    }

    @Test
    void withoutAnExecutorFunctionsAreRejectedWithAReason() {
        dispatcher.close();
        dispatcher = dispatcher("executorWaitMillis", 0L);
        core.deployed("acme", "bot", BOT);

        FunctionOutcome outcome = dispatch("acme", BOT, PAYLOAD).outcomes().get(0);

        assertThat(outcome.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(outcome.error().errorCode()).isEqualTo(FunctionRunner.NO_EXECUTOR);
        assertThat(outcome.error().errorMsg()).contains("executor");
    }

    @Test
    void aRunWhileTheExecutorIsReplacedWaitsForTheNewOne() throws Exception {
        dispatcher.setExecutor(ScriptedExecutor.echo());
        core.deployed("acme", "bot", BOT);
        assertThat(dispatch("acme", BOT, PAYLOAD).outcomes().get(0).outcome()).isEqualTo(Outcome.OK);
        // A pool-setting change restarts the executor: SCR unbinds the old one, and binds the new one once it started.
        dispatcher.setExecutor(null);

        java.util.concurrent.CompletableFuture<DispatchResult> waiting = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> dispatch("acme", BOT, PAYLOAD));
        Await.until("the run waits for an executor", () -> dispatcher.runs().waitingForAnExecutor() == 1);
        ScriptedExecutor restarted = ScriptedExecutor.echo();
        dispatcher.setExecutor(restarted);

        FunctionOutcome outcome = waiting.get(20, TimeUnit.SECONDS).outcomes().get(0);
        assertThat(outcome.outcome()).isEqualTo(Outcome.OK);
        assertThat(restarted.requests).hasSize(1);
    }

    @Test
    void aCallerRescuedFromARunThatCannotBeStoppedGetsOneRecordAndFreesItsPermitWhileTheThreadStaysWithTheRun() throws Exception {
        dispatcher.close();
        dispatcher = dispatcher("maxConcurrentPerFunction", 1);
        FunctionInfo bot = core.deployed("acme", "bot", BOT);
        ExecutionResult unstoppable = new ExecutionResult(Outcome.TIMEOUT, null, new ExecutionError(ExecutionResult.UNSTOPPABLE,
                "could not be stopped"), List.of(), Duration.ofSeconds(7));
        java.util.concurrent.atomic.AtomicReference<ExecutionResult> answered = new java.util.concurrent.atomic.AtomicReference<>();
        io.switchboard.core.api.execution.CallerRescue rescue = new io.switchboard.core.api.execution.CallerRescue(answered::set);
        java.util.concurrent.atomic.AtomicBoolean permitFreedMeanwhile = new java.util.concurrent.atomic.AtomicBoolean();
        dispatcher.setExecutor(new ScriptedExecutor(request -> {
            // The executor's sweep gives the run up from a thread of its own while this (the caller's) thread is stuck in it.
            io.switchboard.core.api.execution.CallerRescue here = io.switchboard.core.api.execution.CallerRescue.current();
            try {
                assertThat(java.util.concurrent.CompletableFuture.supplyAsync(() -> here.rescue(unstoppable)).get(20, TimeUnit.SECONDS)).isTrue();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            dispatcher.runs().limiter().tryAcquire("acme", bot.id()).ifPresent(permit -> {
                permitFreedMeanwhile.set(true);
                permit.close();
            });
            return ok("{\"late\":true}");
        }, true));

        DispatchResult result = rescue.call(() -> dispatch("acme", BOT, PAYLOAD));

        assertThat(answered.get()).isSameAs(unstoppable);
        assertThat(permitFreedMeanwhile).as("the rescued run no longer counts against the function's limit").isTrue();
        FunctionOutcome outcome = result.outcomes().get(0);
        assertThat(outcome.outcome()).as("what was answered, not the late result").isEqualTo(Outcome.TIMEOUT);
        assertThat(outcome.error().errorCode()).isEqualTo(ExecutionResult.UNSTOPPABLE);
        Await.until("the rescued run is recorded", () -> invocations.list("acme", bot.id(), 0, 10).items().size() == 1);
        InvocationRecord record = invocations.list("acme", bot.id(), 0, 10).items().get(0);
        assertThat(record.id()).isEqualTo(outcome.invocationId());
        assertThat(record.error().errorCode()).isEqualTo(ExecutionResult.UNSTOPPABLE);
        assertThat(rescue.claim()).isFalse();
        // and nothing more is recorded for it
        dispatcher.setExecutor(ScriptedExecutor.echo());
        dispatch("acme", BOT, PAYLOAD);
        Await.until("the next run is recorded", () -> invocations.list("acme", bot.id(), 0, 10).items().size() == 2);
        assertThat(invocations.list("acme", bot.id(), 0, 10).items()).extracting(InvocationRecord::outcome)
                .containsExactlyInAnyOrder(Outcome.TIMEOUT, Outcome.OK);
    }

    @Test
    void aCallerThatCanBeRescuedButIsNotIsAnsweredByItsOwnThread() {
        FunctionInfo bot = core.deployed("acme", "bot", BOT);
        java.util.concurrent.atomic.AtomicReference<Thread> ranOn = new java.util.concurrent.atomic.AtomicReference<>();
        dispatcher.setExecutor(new ScriptedExecutor(r -> {
            ranOn.set(Thread.currentThread());
            return ok(r.inputJson());
        }, true));
        io.switchboard.core.api.execution.CallerRescue rescue = new io.switchboard.core.api.execution.CallerRescue(r -> {
            throw new AssertionError("not rescued");
        });

        DispatchResult result = rescue.call(() -> dispatch("acme", BOT, PAYLOAD));

        assertThat(result.outcomes().get(0).outcome()).isEqualTo(Outcome.OK);
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
        assertThat(rescue.claim()).isTrue();
        Await.until("the run is recorded", () -> invocations.list("acme", bot.id(), 0, 10).items().size() == 1);
        assertThat(dispatcher.runs().limiter().tryAcquire("acme", bot.id())).isPresent();
    }

    @Test
    void aRunRefusedForWantOfAnExecutorWaitedNoLongerThanTheWindow() {
        dispatcher.close();
        dispatcher = dispatcher("executorWaitMillis", 200L);
        dispatcher.setExecutor(ScriptedExecutor.echo());
        core.deployed("acme", "bot", BOT);
        dispatcher.setExecutor(null);

        long started = System.nanoTime();
        FunctionOutcome outcome = dispatch("acme", BOT, PAYLOAD).outcomes().get(0);

        assertThat(outcome.error().errorCode()).isEqualTo(FunctionRunner.NO_EXECUTOR);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(150L, 10_000L);
    }

    @Test
    void syncFunctionsRunInParallelAndOneFailureDoesNotFailTheOthers() {
        CyclicBarrier bothRunning = new CyclicBarrier(3);
        dispatcher.setExecutor(new ScriptedExecutor(request -> {
            try {
                // Only parallel runs pass this barrier: one at a time would time out here.
                bothRunning.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("functions did not run in parallel", e);
            }
            return switch (request.code().contains("fail") ? "fail" : request.code().contains("boom") ? "boom" : "ok") {
                case "fail" -> error("E1", "failed on purpose");
                case "boom" -> throw new IllegalStateException("executor bug");
                default -> ok("{\"ok\":true}", new LogLine(Instant.now(), LogLevel.INFO, "hello"));
            };
        }));
        core.deployed("acme", "good", BOT);
        deployWithCode("acme", "bad", "function lambda(i, cb) { cb('fail'); }");
        deployWithCode("acme", "crashing", "boom");

        DispatchResult result = dispatch("acme", BOT, PAYLOAD);

        assertThat(result.outcomes()).extracting(FunctionOutcome::functionName, FunctionOutcome::outcome).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("good", Outcome.OK),
                org.assertj.core.groups.Tuple.tuple("bad", Outcome.ERROR),
                org.assertj.core.groups.Tuple.tuple("crashing", Outcome.ERROR));
    }

    @Test
    void aSingleFunctionRunsOnTheCallersThreadOnlyWhenTheExecutorStopsFunctionsItself() {
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        core.deployed("acme", "only", BOT);
        String caller = Thread.currentThread().getName();

        dispatcher.setExecutor(new ScriptedExecutor(request -> {
            threads.add(Thread.currentThread().getName());
            return ok("1");
        }, true));
        assertThat(dispatch("acme", BOT, PAYLOAD).outcomes()).extracting(FunctionOutcome::outcome).containsExactly(Outcome.OK);
        assertThat(dispatcher.invoke("acme", "only", "{}", List.of(), Trigger.EXTERNAL).outcome()).isEqualTo(Outcome.OK);
        assertThat(threads).containsExactly(caller, caller);

        threads.clear();
        dispatcher.setExecutor(new ScriptedExecutor(request -> {
            threads.add(Thread.currentThread().getName());
            return ok("1");
        }, false));
        dispatch("acme", BOT, PAYLOAD);
        dispatcher.invoke("acme", "only", "{}", List.of(), Trigger.EXTERNAL);
        assertThat(threads).hasSize(2).allSatisfy(name -> assertThat(name).startsWith("switchboard-sync-"));

        threads.clear();
        core.deployed("acme", "second", BOT);
        dispatcher.setExecutor(new ScriptedExecutor(request -> {
            threads.add(Thread.currentThread().getName());
            return ok("1");
        }, true));
        assertThat(dispatch("acme", BOT, PAYLOAD).outcomes()).hasSize(2);
        assertThat(threads).as("two functions still run in parallel on the pool")
                .hasSize(2).allSatisfy(name -> assertThat(name).startsWith("switchboard-sync-"));
    }

    @Test
    void aFunctionStoppedWhileBusyIsQuarantinedAndItsRunsBeyondTheSharedSlotAreRejected() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean hold = new java.util.concurrent.atomic.AtomicBoolean();
        dispatcher.setExecutor(new ScriptedExecutor(request -> {
            if (!request.code().contains("spin")) {
                return ok("1");
            }
            if (hold.get()) {
                holding.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ok("2");
            }
            long started = System.nanoTime();
            long end = started + 60_000_000L;
            long spins = 0;
            while (System.nanoTime() < end) {
                spins++;
            }
            // Reported as an executor with threads of its own reports its run's CPU time (all of the spin), so the test does
            // not depend on how much of a core a loaded machine gave this thread while it spun.
            Duration spun = Duration.ofNanos(System.nanoTime() - started);
            return new ExecutionResult(Outcome.TIMEOUT, null, new ExecutionError("com.switchboard.function.timeout", "spun " + spins), List.of(),
                    spun, spun);
        }));
        deployWithCode("acme", "spinner", "spin");
        core.deployed("acme", "polite", BOT);

        assertThat(dispatch("acme", BOT, PAYLOAD).outcomes()).extracting(FunctionOutcome::functionName, FunctionOutcome::outcome)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("spinner", Outcome.TIMEOUT),
                        org.assertj.core.groups.Tuple.tuple("polite", Outcome.OK));

        hold.set(true);
        Thread holder = new Thread(() -> dispatcher.invoke("acme", "spinner", "{}", List.of(), Trigger.EXTERNAL));
        holder.start();
        assertThat(holding.await(20, TimeUnit.SECONDS)).isTrue();

        DispatchResult second = dispatch("acme", BOT, PAYLOAD);
        FunctionOutcome rejected = second.outcomes().stream().filter(o -> o.functionName().equals("spinner")).findFirst().orElseThrow();
        assertThat(rejected.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(rejected.error().errorCode()).isEqualTo("com.switchboard.dispatch.quarantined");
        assertThat(second.outcomes().stream().filter(o -> o.functionName().equals("polite")).findFirst().orElseThrow().outcome())
                .isEqualTo(Outcome.OK);

        release.countDown();
        holder.join(20_000);
        assertThat(dispatcher.invoke("acme", "spinner", "{}", List.of(), Trigger.EXTERNAL).outcome()).as("the slot is free again")
                .isEqualTo(Outcome.OK);
    }

    @Test
    void everyInvocationIsRecordedWithResultAndLogs() {
        dispatcher.setExecutor(new ScriptedExecutor(r -> ok("{\"reply\":\"hi\"}", new LogLine(Instant.ofEpochMilli(5), LogLevel.WARN, "careful"))));
        FunctionInfo bot = core.deployed("acme", "bot", BOT);

        DispatchResult result = dispatch("acme", BOT, PAYLOAD);

        InvocationRecord record = invocations.get("acme", result.outcomes().get(0).invocationId());
        assertThat(record.functionId()).isEqualTo(bot.id());
        assertThat(record.eventTypeId()).isEqualTo(BOT);
        assertThat(record.eventId()).isEqualTo(result.eventId());
        assertThat(record.trigger()).isEqualTo(Trigger.EVENT);
        assertThat(record.resultJson()).isEqualTo("{\"reply\":\"hi\"}");
        assertThat(record.logs()).containsExactly(new LogLine(Instant.ofEpochMilli(5), LogLevel.WARN, "careful"));
        assertThat(invocations.list("acme", bot.id(), 0, 10).items()).hasSize(1);
        assertThatThrownBy(() -> invocations.get("globex", record.id()))
                .isInstanceOf(io.switchboard.core.api.function.NotFoundException.class);
        assertThatThrownBy(() -> invocations.list("globex", bot.id(), 0, 10))
                .isInstanceOf(io.switchboard.core.api.function.NotFoundException.class);
    }

    @Test
    void aDirectInvocationRunsTheDeployedVersionByIdOrName() {
        dispatcher.setExecutor(ScriptedExecutor.echo());
        FunctionInfo direct = core.deployed("acme", "direct", null);

        FunctionOutcome byName = dispatcher.invoke("acme", "direct", "{\"a\":1}", List.of(), Trigger.EXTERNAL);
        FunctionOutcome byId = dispatcher.invoke("acme", direct.id(), "[1]", null, null);

        assertThat(byName.outcome()).isEqualTo(Outcome.OK);
        assertThat(byName.resultJson()).contains("\"payload\":{\"a\":1}");
        assertThat(invocations.get("acme", byId.invocationId()).trigger()).isEqualTo(Trigger.EXTERNAL);
        assertThatThrownBy(() -> dispatcher.invoke("globex", "direct", "{}", List.of(), Trigger.EXTERNAL))
                .isInstanceOf(UnknownFunctionException.class);
        assertThatThrownBy(() -> dispatcher.invoke("acme", "direct", "{nope", List.of(), Trigger.EXTERNAL))
                .isInstanceOf(InvalidPayloadException.class);
    }

    @Test
    void aFullFunctionLimitAnswersWithRetryAfterAndDoesNotStarveOtherFunctions() throws Exception {
        dispatcher.close();
        dispatcher = dispatcher("maxConcurrentPerFunction", 1, "retryAfterSeconds", 3);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        dispatcher.setExecutor(new ScriptedExecutor(request -> {
            if (request.code().contains("slow")) {
                started.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return ok("1");
        }));
        deployWithCode("acme", "busy", "slow");
        core.deployed("acme", "free", null);
        Thread caller = new Thread(() -> dispatcher.invoke("acme", "busy", "{}", List.of(), Trigger.EXTERNAL));
        caller.start();
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> dispatcher.invoke("acme", "busy", "{}", List.of(), Trigger.EXTERNAL))
                .isInstanceOfSatisfying(CapacityExceededException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3)));
        assertThat(dispatcher.invoke("acme", "free", "{}", List.of(), Trigger.EXTERNAL).outcome()).isEqualTo(Outcome.OK);

        release.countDown();
        caller.join(20_000);
        assertThat(dispatcher.invoke("acme", "busy", "{}", List.of(), Trigger.EXTERNAL).outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void aFullAccountLimitRefusesSyncEvents() throws Exception {
        dispatcher.close();
        dispatcher = dispatcher("maxConcurrentPerAccount", 1);
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
        core.deployed("acme", "direct", null);
        core.deployed("acme", "bot", BOT);
        core.deployed("globex", "bot", BOT);
        Thread caller = new Thread(() -> dispatcher.invoke("acme", "direct", "{}", List.of(), Trigger.EXTERNAL));
        caller.start();
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> dispatch("acme", BOT, PAYLOAD)).isInstanceOf(CapacityExceededException.class);
        release.countDown();
        assertThat(dispatch("globex", BOT, PAYLOAD).outcomes()).extracting(FunctionOutcome::outcome).containsExactly(Outcome.OK);
        caller.join(20_000);
    }

    @Test
    void anExecutorThatOverrunsTheTimeoutIsReportedAsATimeoutWithoutHoldingUpTheOthers() {
        dispatcher.close();
        dispatcher = dispatcher("executorGraceMs", 0L);
        CountDownLatch release = new CountDownLatch(1);
        dispatcher.setExecutor(new ScriptedExecutor(request -> {
            if (request.code().contains("hang")) {
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return ok("1");
        }));
        core.deployed("acme", "quick", BOT);
        FunctionInfo hanging = core.functions.create("acme", new io.switchboard.core.api.function.FunctionSpec("hanging", "", "hang", BOT,
                null, 50L, null, null, null, null));
        core.functions.deploy("acme", hanging.id());

        DispatchResult result = dispatch("acme", BOT, PAYLOAD);
        release.countDown();

        assertThat(result.outcomes()).extracting(FunctionOutcome::functionName, FunctionOutcome::outcome).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("quick", Outcome.OK), org.assertj.core.groups.Tuple.tuple("hanging", Outcome.TIMEOUT));
        FunctionOutcome timedOut = result.outcomes().stream().filter(o -> o.outcome() == Outcome.TIMEOUT).findFirst().orElseThrow();
        assertThat(timedOut.invocationId()).isNotNull();
        io.switchboard.core.internal.testing.Await.until("the late record is stored under the same id",
                () -> invocations.list("acme", hanging.id(), 0, 10).items().stream().anyMatch(r -> r.id().equals(timedOut.invocationId())));
    }

    private void deployWithCode(String account, String name, String code) {
        FunctionInfo created = core.functions.create(account, new io.switchboard.core.api.function.FunctionSpec(name, "", code, BOT.equals(name) ? null : BOT,
                null, null, null, null, null, null));
        core.functions.deploy(account, created.id());
    }
}
