package io.switchboard.core.internal.dispatch;

import static io.switchboard.core.internal.testing.ScriptedExecutor.error;
import static io.switchboard.core.internal.testing.ScriptedExecutor.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.core.api.dispatch.DeadLetterInfo;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.internal.invocation.InvocationServiceImpl;
import io.switchboard.core.internal.testing.Await;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.ScriptedExecutor;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestDatabase;
import io.switchboard.core.internal.testing.TestEvents;
import io.switchboard.core.internal.testing.DatabaseTest;

@DatabaseTest
class AsyncDispatchTest {

    private static final String END = "messaging_conversation_end";
    private static final String PAYLOAD = "{\"conversationId\":\"c-1\",\"skillId\":\"sales\"}";

    @TempDir
    Path dataFolder;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    /** One "process": database, catalogue, functions, records and dispatcher over the data folder. */
    private record Node(CoreFixture core, InvocationServiceImpl invocations, DispatcherImpl dispatcher) {
    }

    private Node start(ScriptedExecutor executor, Object... config) {
        return start(4, executor, config);
    }

    /** A node whose event type retries a failed function {@code retries} times. */
    private Node start(int retries, ScriptedExecutor executor, Object... config) {
        CoreFixture core = new CoreFixture(TestDatabase.inDataFolder(dataFolder), TestEvents.conversationEnd(retries));
        InvocationServiceImpl invocations = new InvocationServiceImpl(core.database, core.quotas, TestConfigs.config(InvocationServiceImpl.Config.class));
        DispatcherImpl dispatcher = new DispatcherImpl(core.catalog, core.deployedFunctions, invocations, core.database, core.bots,
                TestConfigs.config(DispatcherImpl.Config.class, config), Clock.systemUTC());
        dispatcher.setExecutor(executor);
        toClose.add(core);
        toClose.add(invocations::close);
        toClose.add(dispatcher::close);
        return new Node(core, invocations, dispatcher);
    }

    @AfterEach
    void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private static DispatchResult dispatch(Node node) {
        return node.dispatcher().dispatch(new DispatchRequest("acme", END, PAYLOAD, List.of(), Trigger.EVENT, "sales", null, null, null));
    }

    @Test
    void anAsyncEventIsAcceptedThenRunInTheBackground() {
        ScriptedExecutor executor = ScriptedExecutor.echo();
        Node node = start(executor);
        FunctionInfo end = node.core().deployed("acme", "end", END, "sales");

        DispatchResult result = dispatch(node);

        assertThat(result.mode()).isEqualTo(InvocationMode.ASYNC);
        assertThat(result.outcomes()).isEmpty();
        Await.until("the function ran", () -> node.invocations().list("acme", end.id(), 0, 10).total() == 1);
        InvocationRecord record = node.invocations().list("acme", end.id(), 0, 10).items().get(0);
        assertThat(record.eventId()).isEqualTo(result.eventId());
        assertThat(record.outcome()).isEqualTo(Outcome.OK);
        assertThat(executor.requests.get(0).inputJson()).contains("\"conversationId\":\"c-1\"");
    }

    @Test
    void failuresAreRetriedUntilTheyPass() {
        AtomicInteger calls = new AtomicInteger();
        Node node = start(new ScriptedExecutor(r -> calls.incrementAndGet() < 3 ? error("E", "not yet") : ok("true")),
                "asyncBackoffMs", 1L);
        FunctionInfo end = node.core().deployed("acme", "end", END);

        dispatch(node);

        Await.until("the third attempt passed", () -> node.invocations().list("acme", end.id(), 0, 10).items().stream()
                .anyMatch(r -> r.outcome() == Outcome.OK));
        assertThat(node.invocations().list("acme", end.id(), 0, 10).items()).extracting(InvocationRecord::outcome)
                .containsExactlyInAnyOrder(Outcome.ERROR, Outcome.ERROR, Outcome.OK);
        assertThat(node.dispatcher().deadLetters().list("acme", 0, 10).items()).isEmpty();
    }

    @Test
    void aTaskThatKeepsFailingIsDeadLetteredAfterItsLastAttempt() {
        Node node = start(2, new ScriptedExecutor(r -> error("E42", "always broken")), "asyncBackoffMs", 1L);
        FunctionInfo end = node.core().deployed("acme", "end", END);

        DispatchResult result = dispatch(node);

        Await.until("the task is dead-lettered", () -> !node.dispatcher().deadLetters().list("acme", 0, 10).items().isEmpty());
        DeadLetterInfo dead = node.dispatcher().deadLetters().list("acme", 0, 10).items().get(0);
        assertThat(dead.eventId()).isEqualTo(result.eventId());
        assertThat(dead.functionId()).isEqualTo(end.id());
        assertThat(dead.eventTypeId()).isEqualTo(END);
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError()).contains("E42", "always broken");
        assertThat(node.invocations().list("acme", end.id(), 0, 10).total()).isEqualTo(3);
        assertThat(node.dispatcher().deadLetters().list("globex", 0, 10).items()).isEmpty();
    }

    @Test
    void aFullConcurrencyLimitMakesAsyncEventsWaitInTheQueue() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        Node node = start(new ScriptedExecutor(r -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return ok("true");
        }), "maxConcurrentPerFunction", 1, "asyncWorkers", 3, "asyncCapacityRetryMs", 5L);
        FunctionInfo end = node.core().deployed("acme", "end", END);

        for (int i = 0; i < 3; i++) {
            dispatch(node);
        }
        Await.until("the first event runs", () -> running.get() == 1);
        release.countDown();

        Await.until("all three ran", () -> node.invocations().list("acme", end.id(), 0, 10).total() == 3);
        assertThat(maxRunning.get()).isEqualTo(1);
        assertThat(node.dispatcher().deadLetters().list("acme", 0, 10).items()).isEmpty();
    }

    @Test
    void acceptedEventsWaitForAnExecutorWithoutUsingUpAttempts() {
        Node node = start(0, null, "asyncCapacityRetryMs", 5L);
        FunctionInfo end = node.core().deployed("acme", "end", END);
        dispatch(node);
        dispatch(node);

        ScriptedExecutor arriving = ScriptedExecutor.echo();
        node.dispatcher().setExecutor(arriving);

        Await.until("both events ran once the executor arrived", () -> arriving.requests.size() == 2);
        Await.until("both are recorded", () -> node.invocations().list("acme", end.id(), 0, 10).total() == 2);
        assertThat(node.invocations().list("acme", end.id(), 0, 10).items()).extracting(InvocationRecord::outcome)
                .containsOnly(Outcome.OK);
        assertThat(node.dispatcher().deadLetters().list("acme", 0, 10).items()).isEmpty();
    }

    @Test
    void pendingEventsRunAfterARestart() throws Exception {
        CountDownLatch firstAttemptStarted = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Node crashed = start(new ScriptedExecutor(r -> {
            firstAttemptStarted.countDown();
            try {
                never.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return error("E", "process died");
        }));
        FunctionInfo end = crashed.core().deployed("acme", "end", END);
        DispatchResult accepted = dispatch(crashed);
        assertThat(firstAttemptStarted.await(20, TimeUnit.SECONDS)).isTrue();
        // The first process is "dead": it claims and runs nothing more. Left polling without an executor, it handed the
        // revived task straight back each time, and when its polls came just after the task fell due and the restarted
        // one's just before (both poll every 500 ms, so the phase holds), it won every claim: CI saw that once.
        crashed.dispatcher().setExecutor(null);
        crashed.dispatcher().stopClaiming();

        // A second process over the same data folder finds the accepted event still pending and runs it.
        ScriptedExecutor afterRestart = ScriptedExecutor.echo();
        Node restarted = start(afterRestart);

        Await.until("the pending event ran after the restart", () -> !afterRestart.requests.isEmpty());
        assertThat(afterRestart.requests.get(0).functionId()).isEqualTo(end.id());
        assertThat(afterRestart.requests.get(0).inputJson()).contains("\"conversationId\":\"c-1\"");
        Await.until("its record is stored", () -> restarted.invocations().list("acme", end.id(), 0, 10).items().stream()
                .anyMatch(r -> r.outcome() == Outcome.OK && accepted.eventId().equals(r.eventId())));
        never.countDown();
    }

    @Test
    void aTaskWhoseRunWasRecordedBeforeACrashIsSettledAfterTheRestartWithoutRunningAgain() {
        Node first = start(ScriptedExecutor.echo());
        FunctionInfo end = first.core().deployed("acme", "end", END);
        DispatchResult accepted = dispatch(first);
        Await.until("the run is recorded", () -> records(first, end).size() == 1 && taskStatus(first, accepted) .equals("DONE"));
        // The crash this simulates: the record was stored, the task not yet settled, its lease row still claimed.
        first.core().database.withConnection("reopen task", c -> io.switchboard.core.internal.db.Rows.update(c,
                "UPDATE async_tasks SET status = 'PENDING' WHERE event_id = ?", accepted.eventId()));
        first.core().database.withConnection("claim its row", c -> io.switchboard.core.internal.db.Rows.update(c,
                "INSERT INTO async_executions (task_name, task_instance, execution_time, picked, picked_by, last_heartbeat, version) "
                        + "SELECT ?, id, CURRENT_TIMESTAMP, TRUE, ?, CURRENT_TIMESTAMP, 1 FROM async_tasks WHERE event_id = ?",
                TaskLeases.TASK, "switchboard-test", accepted.eventId()));

        ScriptedExecutor afterRestart = ScriptedExecutor.echo();
        Node restarted = start(afterRestart);

        Await.until("the reopened task is settled", () -> taskStatus(restarted, accepted).equals("DONE"));
        assertThat(afterRestart.requests).isEmpty();
        assertThat(records(restarted, end)).hasSize(1);
    }

    private static List<InvocationRecord> records(Node node, FunctionInfo function) {
        return node.invocations().list("acme", function.id(), 0, 10).items();
    }

    private static String taskStatus(Node node, DispatchResult event) {
        return node.core().database.withConnection("task status", c -> io.switchboard.core.internal.db.Rows.one(c,
                "SELECT status FROM async_tasks WHERE event_id = ?", rs -> rs.getString(1), event.eventId())).orElse("none");
    }

    @Test
    void functionsVersionsAndRecordsSurviveARestart() {
        Node first = start(ScriptedExecutor.echo());
        FunctionInfo end = first.core().deployed("acme", "end", END, "sales");
        first.dispatcher().invoke("acme", "end", "{}", List.of(), Trigger.MANUAL);
        first.dispatcher().close();
        first.invocations().close();
        first.core().close();

        Node second = start(ScriptedExecutor.echo());

        FunctionInfo reloaded = second.core().functions.get("acme", end.id());
        assertThat(reloaded.state()).isEqualTo(io.switchboard.core.api.function.FunctionState.PRODUCTIVE);
        assertThat(reloaded.spec().skills()).containsExactly("sales");
        assertThat(second.core().functions.versions("acme", end.id())).hasSize(1);
        assertThat(second.invocations().list("acme", end.id(), 0, 10).items()).extracting(InvocationRecord::trigger)
                .containsExactly(Trigger.MANUAL);
    }
}
