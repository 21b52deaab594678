package io.switchboard.core.internal.dispatch;

import static io.switchboard.core.internal.testing.ScriptedExecutor.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import io.switchboard.core.api.dispatch.CapacityExceededException;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.FunctionExecutor;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.FunctionSpec;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.internal.invocation.InvocationServiceImpl;
import io.switchboard.core.internal.observe.PlatformObservers;
import io.switchboard.core.internal.observe.RunLogContext;
import io.switchboard.core.internal.testing.Await;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.DatabaseTest;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestEvents;

/**
 * An event's functions are started from the caller's thread on an executor that stops them at their timeout (no pool thread
 * waits for each), and keep the outcomes, timeouts, permits and records of the waiting path.
 */
@DatabaseTest
class FanOutTest {

    private static final String BOT = "third_party_bots_custom_integration";
    private static final String PAYLOAD = "{\"conversationId\":\"c-1\",\"skillId\":\"sales\"}";

    private final CoreFixture core = new CoreFixture(TestEvents.customIntegration());
    private final InvocationServiceImpl invocations = new InvocationServiceImpl(core.database, core.quotas,
            TestConfigs.config(InvocationServiceImpl.Config.class));
    private final ExecutorService guestThreads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch holding = new CountDownLatch(1);
    private DispatcherImpl dispatcher = dispatcher();

    private DispatcherImpl dispatcher(Object... config) {
        return new DispatcherImpl(core.catalog, core.deployedFunctions, invocations, core.database, core.bots,
                TestConfigs.config(DispatcherImpl.Config.class, config), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        release.countDown();
        dispatcher.close();
        invocations.close();
        core.close();
        guestThreads.shutdownNow();
    }

    /** Runs the script on threads of its own and promises to stop functions at their timeout, as the GraalJS executor does. */
    private final class StartingExecutor implements FunctionExecutor {
        final List<ExecutionRequest> requests = new CopyOnWriteArrayList<>();
        final List<String> startedOn = new CopyOnWriteArrayList<>();
        final Function<ExecutionRequest, ExecutionResult> script;

        StartingExecutor(Function<ExecutionRequest, ExecutionResult> script) {
            this.script = script;
        }

        /** A single function still runs on the caller's thread through {@code execute}. */
        @Override
        public ExecutionResult execute(ExecutionRequest request) {
            return script.apply(request);
        }

        @Override
        public CompletableFuture<ExecutionResult> start(ExecutionRequest request, Executor waiter) {
            requests.add(request);
            startedOn.add(Thread.currentThread().getName());
            if (request.code().contains("refuse")) {
                throw new IllegalStateException("executor bug");
            }
            return CompletableFuture.supplyAsync(() -> script.apply(request), guestThreads);
        }

        @Override
        public boolean stopsFunctionsAtTheirTimeout() {
            return true;
        }
    }

    private ExecutionResult held(ExecutionRequest request) {
        holding.countDown();
        try {
            release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ok("1");
    }

    private DispatchResult dispatch() {
        return dispatcher.dispatch(new DispatchRequest("acme", BOT, PAYLOAD, List.of(new Header("X-Trace", "t-1")), Trigger.EVENT));
    }

    private FunctionInfo deploy(String name, String code, Long timeoutMs) {
        FunctionInfo created = core.functions.create("acme", new FunctionSpec(name, "", code, BOT, null, timeoutMs, null, null, null, null));
        core.functions.deploy("acme", created.id());
        return created;
    }

    @Test
    void everyFunctionIsStartedFromTheCallersThreadAndAnsweredInTheOrderGivenUnderTheIdsItRanWith() {
        StartingExecutor executor = new StartingExecutor(request -> {
            if (request.code().contains("slow")) {
                held(request);
            }
            return ok("{\"ran\":\"" + request.functionId() + "\"}");
        });
        dispatcher.setExecutor(executor);
        List<FunctionInfo> functions = List.of(deploy("a", "slow", null), deploy("b", "quick", null), deploy("c", "quick", null));
        String caller = Thread.currentThread().getName();

        CompletableFuture<DispatchResult> running = CompletableFuture.supplyAsync(this::dispatch);
        Await.until("the quick functions are recorded while the slow one still runs", () -> functions.subList(1, 3).stream()
                .allMatch(f -> !invocations.list("acme", f.id(), 0, 10).items().isEmpty()));
        assertThat(running).isNotDone();
        release.countDown();
        DispatchResult result = running.join();

        List<String> order = executor.requests.stream().map(ExecutionRequest::functionId).toList();
        assertThat(result.outcomes()).extracting(FunctionOutcome::functionId).containsExactlyElementsOf(order);
        assertThat(result.outcomes()).extracting(FunctionOutcome::outcome).containsOnly(Outcome.OK);
        assertThat(executor.startedOn).as("no pool thread per function").hasSize(3).doesNotContain(caller)
                .allSatisfy(name -> assertThat(name).doesNotStartWith("switchboard-sync-"));
        assertThat(executor.startedOn).as("all from the dispatching thread").containsOnly(executor.startedOn.get(0));
        for (int i = 0; i < 3; i++) {
            ExecutionRequest request = executor.requests.get(i);
            FunctionOutcome outcome = result.outcomes().get(i);
            assertThat(outcome.invocationId()).isEqualTo(request.invocationId());
            Await.until("the record of " + request.functionId(), () -> invocations.list("acme", request.functionId(), 0, 10).items().stream()
                    .map(InvocationRecord::id).anyMatch(outcome.invocationId()::equals));
        }
        String input = executor.requests.get(0).inputJson();
        assertThat(input).startsWith("{\"payload\":" + PAYLOAD + ",\"headers\":[{\"key\":\"X-Trace\",\"value\":\"t-1\"}");
        assertThat(executor.requests).extracting(ExecutionRequest::inputJson).as("the input made once, the same for all").containsOnly(input);
        String eventTrace = input.replaceAll(".*\"traceparent\",\"value\":\"00-([0-9a-f]{32})-.*", "$1");
        assertThat(executor.requests).extracting(ExecutionRequest::traceParent).as("a span of its own per run, in the event's trace")
                .doesNotHaveDuplicates().allSatisfy(trace -> assertThat(trace).startsWith("00-" + eventTrace + "-"));
    }

    @Test
    void aFunctionThatTimesOutDoesNotDelayTheOthersPastItsDeadline() {
        dispatcher.close();
        dispatcher = dispatcher("executorGraceMs", 0L);
        dispatcher.setExecutor(new StartingExecutor(request -> request.code().contains("hang") ? held(request) : ok("1")));
        deploy("quick", "quick", null);
        FunctionInfo hanging = deploy("hanging", "hang", 300L);

        long started = System.nanoTime();
        DispatchResult result = dispatch();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        release.countDown();

        assertThat(result.outcomes()).extracting(FunctionOutcome::functionName, FunctionOutcome::outcome).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("quick", Outcome.OK), org.assertj.core.groups.Tuple.tuple("hanging", Outcome.TIMEOUT));
        assertThat(took).as("answered at the hanging function's deadline, not when it ends (20 s)").isLessThan(Duration.ofSeconds(10));
        String timedOut = result.outcomes().stream().filter(o -> o.outcome() == Outcome.TIMEOUT).findFirst().orElseThrow().invocationId();
        Await.until("the late record is stored under the same id",
                () -> invocations.list("acme", hanging.id(), 0, 10).items().stream().anyMatch(r -> r.id().equals(timedOut)));
    }

    @Test
    void aPermitIsHeldWhileItsRunGoesOnAndReleasedWhenItEnds() throws Exception {
        dispatcher.close();
        dispatcher = dispatcher("maxConcurrentPerFunction", 1);
        dispatcher.setExecutor(new StartingExecutor(request -> request.code().contains("slow") ? held(request) : ok("1")));
        deploy("slow", "slow", null);
        deploy("other", "quick", null);

        CompletableFuture<DispatchResult> first = CompletableFuture.supplyAsync(this::dispatch);
        assertThat(holding.await(20, TimeUnit.SECONDS)).as("the slow function runs").isTrue();
        Await.until("the quick function's permit is released when it ended, not with the event's", () -> {
            try {
                return dispatcher.invoke("acme", "other", "{}", List.of(), Trigger.EXTERNAL).outcome() == Outcome.OK;
            } catch (CapacityExceededException stillHeld) {
                return false;
            }
        });
        assertThatThrownBy(this::dispatch).as("the slow function's permit is held").isInstanceOf(CapacityExceededException.class);
        release.countDown();
        assertThat(first.get(20, TimeUnit.SECONDS).outcomes()).extracting(FunctionOutcome::outcome).containsOnly(Outcome.OK);

        for (int i = 0; i < 3; i++) {
            assertThat(dispatch().outcomes()).as("every permit released").extracting(FunctionOutcome::outcome).containsOnly(Outcome.OK);
        }
    }

    @Test
    void anExecutorThatFailsToStartOrToAnswerFailsOnlyThatFunction() {
        dispatcher.close();
        // One run at a time per function: a permit not released by a failed run would refuse the next event.
        dispatcher = dispatcher("maxConcurrentPerFunction", 1);
        dispatcher.setExecutor(new StartingExecutor(request -> {
            if (request.code().contains("crash")) {
                throw new IllegalStateException("worker bug");
            }
            return request.code().contains("nothing") ? null : ok("1");
        }));
        deploy("good", "quick", null);
        deploy("refused", "refuse", null);
        deploy("crashing", "crash", null);
        deploy("silent", "nothing", null);

        DispatchResult result = dispatch();

        assertThat(result.outcomes()).extracting(FunctionOutcome::functionName, FunctionOutcome::outcome).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("good", Outcome.OK), org.assertj.core.groups.Tuple.tuple("refused", Outcome.ERROR),
                org.assertj.core.groups.Tuple.tuple("crashing", Outcome.ERROR), org.assertj.core.groups.Tuple.tuple("silent", Outcome.ERROR));
        assertThat(result.outcomes()).filteredOn(o -> o.outcome() == Outcome.ERROR).extracting(FunctionOutcome::error)
                .extracting(ExecutionError::errorCode).containsOnly(FunctionRunner.EXECUTOR_FAILED);
        assertThat(result.outcomes()).filteredOn(o -> o.functionName().equals("crashing")).singleElement()
                .satisfies(o -> assertThat(o.error().errorMsg()).contains("worker bug"));
        assertThat(result.outcomes()).filteredOn(o -> o.functionName().equals("refused")).singleElement()
                .satisfies(o -> assertThat(o.error().errorMsg()).contains("executor bug"));
        for (int i = 0; i < 3; i++) {
            assertThat(dispatch().outcomes()).as("no permit leaked").hasSize(4);
        }
    }

    @Test
    void theDispatchingThreadKeepsItsOwnLogContextAndEachRunSettlesWithItsIds() {
        PlatformObservers observers = new PlatformObservers();
        List<Map<String, String>> settledWith = new CopyOnWriteArrayList<>();
        observers.addObserver(new io.switchboard.core.api.observe.PlatformObserver() {
            @Override
            public void invocationFinished(InvocationRecord record) {
                Map<String, String> context = MDC.getCopyOfContextMap();
                settledWith.add(context == null ? Map.of() : Map.copyOf(context));
            }
        });
        // after the probe: RunLogContext takes the run's ids out of the log context when the run has finished
        observers.addObserver(new RunLogContext(TestConfigs.config(RunLogContext.Config.class)));
        dispatcher.setObservers(observers);
        dispatcher.setExecutor(new StartingExecutor(request -> ok("1")));
        List<FunctionInfo> functions = List.of(deploy("a", "quick", null), deploy("b", "quick", null));
        // slf4j-simple (the tests' logger) keeps no MDC; the platform's Logback does: a real adapter for this test.
        org.slf4j.spi.MDCAdapter before = MDC.getMDCAdapter();
        useMdcAdapter(new org.slf4j.helpers.BasicMDCAdapter());
        MDC.put("request", "r-1");
        try {
            DispatchResult result = dispatch();

            assertThat(MDC.getCopyOfContextMap()).as("the caller's log context, without a run's ids").isEqualTo(Map.of("request", "r-1"));
            assertThat(settledWith).hasSize(2).allSatisfy(context -> assertThat(context).containsEntry("account", "acme")
                    .containsKeys("function", "invocation", FunctionRunner.TRACE_MDC));
            assertThat(settledWith).extracting(context -> context.get("invocation"))
                    .containsExactlyInAnyOrderElementsOf(result.outcomes().stream().map(FunctionOutcome::invocationId).toList());
            assertThat(settledWith).extracting(context -> context.get("function"))
                    .containsExactlyInAnyOrderElementsOf(functions.stream().map(FunctionInfo::id).toList());
        } finally {
            MDC.clear();
            useMdcAdapter(before);
        }
    }

    private static void useMdcAdapter(org.slf4j.spi.MDCAdapter adapter) {
        try {
            java.lang.reflect.Method set = MDC.class.getDeclaredMethod("setMDCAdapter", org.slf4j.spi.MDCAdapter.class);
            set.setAccessible(true);
            set.invoke(null, adapter);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("slf4j's MDC adapter cannot be set for the test", e);
        }
    }
}
