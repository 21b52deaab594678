package io.switchboard.core.internal.dispatch;

import static io.switchboard.core.internal.testing.ScriptedExecutor.error;
import static io.switchboard.core.internal.testing.ScriptedExecutor.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.dispatch.DeadLetterInfo;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.ConflictException;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.FunctionSpec;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.function.Page;
import io.switchboard.core.internal.db.Rows;
import io.switchboard.core.internal.invocation.InvocationServiceImpl;
import io.switchboard.core.internal.testing.Await;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.ScriptedExecutor;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestEvents;
import io.switchboard.core.internal.testing.DatabaseTest;

@DatabaseTest
class DeadLettersTest {

    private static final String END = "messaging_conversation_end";
    private static final String PAYLOAD = "{\"conversationId\":\"c-1\",\"skillId\":\"sales\"}";
    private static final String FIXED_CODE = "async function lambda(input) { return 'fixed'; }";

    /** Fails every run until the function's code is the fixed one. */
    private final ScriptedExecutor executor = new ScriptedExecutor(
            r -> r.code().equals(FIXED_CODE) ? ok("\"fixed\"") : error("E42", "broken until fixed"));

    private CoreFixture core;
    private InvocationServiceImpl invocations;
    private DispatcherImpl dispatcher;
    private FunctionInfo end;

    @BeforeEach
    void start() {
        core = new CoreFixture(TestEvents.conversationEnd(2));
        invocations = new InvocationServiceImpl(core.database, core.quotas, TestConfigs.config(InvocationServiceImpl.Config.class));
        dispatcher = new DispatcherImpl(core.catalog, core.deployedFunctions, invocations, core.database, core.bots,
                TestConfigs.config(DispatcherImpl.Config.class, "asyncBackoffMs", 1L), Clock.systemUTC());
        dispatcher.setExecutor(executor);
        end = core.deployed("acme", "end", END);
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

    private DeadLetterInfo deadLettered(DispatchResult event) {
        Await.until("the task of event " + event.eventId() + " is dead-lettered", () -> dispatcher.deadLetters().list("acme", 0, 100).items().stream()
                .anyMatch(d -> d.eventId().equals(event.eventId())));
        return dispatcher.deadLetters().list("acme", 0, 100).items().stream().filter(d -> d.eventId().equals(event.eventId())).findFirst().orElseThrow();
    }

    private void deployFixedVersion() {
        FunctionSpec broken = core.functions.get("acme", end.id()).spec();
        core.functions.update("acme", end.id(), new FunctionSpec(broken.name(), broken.description(), FIXED_CODE, broken.eventType(),
                broken.skills(), broken.timeoutMs(), broken.allowedDomains(), broken.env(), broken.templateId(), broken.templateVersion()));
        assertThat(core.functions.deploy("acme", end.id()).deployedVersion()).isEqualTo(2);
    }

    private String taskStatus(String taskId) {
        return core.database.withConnection("task status", c -> Rows.one(c, "SELECT status FROM async_tasks WHERE id = ?",
                rs -> rs.getString(1), taskId)).orElse("none");
    }

    private long fixedRuns() {
        return executor.requests.stream().filter(r -> r.code().equals(FIXED_CODE)).count();
    }

    @Test
    void aDeadLetterIsListedWithItsAttemptsAndLastErrorAndARetryRunsTheRedeployedVersionOnce() {
        DispatchResult event = dispatch();
        DeadLetterInfo dead = deadLettered(event);

        Page<DeadLetterInfo> page = dispatcher.deadLetters().list("acme", 0, 20);
        assertThat(page.total()).isEqualTo(1);
        assertThat(dead.functionId()).isEqualTo(end.id());
        assertThat(dead.eventTypeId()).isEqualTo(END);
        assertThat(dead.version()).isEqualTo(1);
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError()).contains("E42", "broken until fixed");
        assertThat(dead.deadLetteredAt()).isNotNull();

        deployFixedVersion();
        DeadLetterInfo retried = dispatcher.deadLetters().retry("acme", dead.taskId());

        assertThat(retried.taskId()).isEqualTo(dead.taskId());
        assertThat(retried.version()).isEqualTo(2);
        assertThat(retried.attempts()).isZero();
        Await.until("the retried task is done", () -> taskStatus(dead.taskId()).equals("DONE"));
        assertThat(fixedRuns()).isEqualTo(1);
        assertThat(dispatcher.deadLetters().list("acme", 0, 20).total()).isZero();
        assertThat(invocations.list("acme", end.id(), 0, 10).items()).filteredOn(r -> r.outcome() == Outcome.OK)
                .extracting(InvocationRecord::version, InvocationRecord::eventId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, event.eventId()));
    }

    @Test
    void aTaskThatIsNoLongerDeadCannotBeRetriedAgain() {
        DeadLetterInfo dead = deadLettered(dispatch());
        deployFixedVersion();
        dispatcher.deadLetters().retry("acme", dead.taskId());
        Await.until("the retried task is done", () -> taskStatus(dead.taskId()).equals("DONE"));

        assertThatThrownBy(() -> dispatcher.deadLetters().retry("acme", dead.taskId())).isInstanceOf(ConflictException.class)
                .hasMessageContaining(dead.taskId()).hasMessageContaining("not dead-lettered");
        assertThat(fixedRuns()).isEqualTo(1);
    }

    @Test
    void anUnknownTaskAndAnotherAccountsTaskAreNotFound() {
        DeadLetterInfo dead = deadLettered(dispatch());

        assertThatThrownBy(() -> dispatcher.deadLetters().retry("acme", "no-such-task")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> dispatcher.deadLetters().retry("globex", dead.taskId())).isInstanceOf(NotFoundException.class)
                .hasMessageNotContaining(end.id());
        assertThat(dispatcher.deadLetters().list("globex", 0, 20).total()).isZero();
        assertThat(dispatcher.deadLetters().list("globex", 0, 20).items()).isEmpty();
        assertThat(taskStatus(dead.taskId())).isEqualTo("DEAD");
    }

    @Test
    void aTaskWhoseFunctionIsNoLongerDeployedStaysDeadUntilTheFunctionIsDeployedAgain() {
        DeadLetterInfo dead = deadLettered(dispatch());
        core.functions.undeploy("acme", end.id());

        assertThatThrownBy(() -> dispatcher.deadLetters().retry("acme", dead.taskId())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("deploy it first");
        assertThat(taskStatus(dead.taskId())).isEqualTo("DEAD");
        assertThat(dispatcher.deadLetters().list("acme", 0, 20).total()).isEqualTo(1);
    }

    @Test
    void twoConcurrentRetriesOfOneTaskRunItOnce() throws Exception {
        DeadLetterInfo dead = deadLettered(dispatch());
        deployFixedVersion();
        CountDownLatch go = new CountDownLatch(1);
        Callable<Boolean> retry = () -> {
            go.await(10, TimeUnit.SECONDS);
            try {
                dispatcher.deadLetters().retry("acme", dead.taskId());
                return true;
            } catch (ConflictException e) {
                return false;
            }
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> results = new ArrayList<>(List.of(threads.submit(retry), threads.submit(retry)));
            go.countDown();
            assertThat(List.of(results.get(0).get(10, TimeUnit.SECONDS), results.get(1).get(10, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder(true, false);
        } finally {
            threads.shutdownNow();
        }

        Await.until("the retried task is done", () -> taskStatus(dead.taskId()).equals("DONE"));
        assertThat(fixedRuns()).isEqualTo(1);
        assertThat(invocations.list("acme", end.id(), 0, 10).items()).filteredOn(r -> r.outcome() == Outcome.OK).hasSize(1);
    }

    @Test
    void twoInstancesRetryingOneDeadLetterAtOnceRequeueItOnceAndItRunsOnce() throws Exception {
        DeadLetterInfo dead = deadLettered(dispatch());
        deployFixedVersion();
        // A second instance on the same database, as a double click reaching two instances behind a load balancer.
        DispatcherImpl other = new DispatcherImpl(core.catalog, core.deployedFunctions, invocations, core.database, core.bots,
                TestConfigs.config(DispatcherImpl.Config.class, "asyncBackoffMs", 1L), Clock.systemUTC(), "instance-b");
        other.setExecutor(executor);
        try {
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (DispatcherImpl instance : List.of(dispatcher, other)) {
                    results.add(threads.submit(() -> {
                        go.await(10, TimeUnit.SECONDS);
                        try {
                            instance.deadLetters().retry("acme", dead.taskId());
                            return true;
                        } catch (ConflictException e) {
                            return false;
                        }
                    }));
                }
                go.countDown();
                assertThat(List.of(results.get(0).get(30, TimeUnit.SECONDS), results.get(1).get(30, TimeUnit.SECONDS)))
                        .as("one retry takes effect, the other is told the task is not dead-lettered any more")
                        .containsExactlyInAnyOrder(true, false);
            } finally {
                threads.shutdownNow();
            }

            Await.until("the retried task is done", () -> taskStatus(dead.taskId()).equals("DONE"));
            assertThat(fixedRuns()).as("runs of the retried task across both instances").isEqualTo(1);
            assertThat(leaseRows(dead.taskId())).as("lease rows left of the settled task").isZero();
            assertThat(invocations.list("acme", end.id(), 0, 10).items()).filteredOn(r -> r.outcome() == Outcome.OK).hasSize(1);
        } finally {
            other.close();
        }
    }

    private long leaseRows(String taskId) {
        return core.database.withConnection("lease rows", c -> Rows.count(c, "SELECT COUNT(*) FROM " + TaskLeases.TABLE
                + " WHERE task_instance = ?", taskId));
    }

    @Test
    void deadLettersArePagedNewestFirstWithTheirTotal() {
        DeadLetterInfo first = deadLettered(dispatch());
        DeadLetterInfo second = deadLettered(dispatch());

        Page<DeadLetterInfo> newest = dispatcher.deadLetters().list("acme", 0, 1);
        Page<DeadLetterInfo> older = dispatcher.deadLetters().list("acme", 1, 1);

        assertThat(newest.total()).isEqualTo(2);
        assertThat(newest.items()).extracting(DeadLetterInfo::taskId).containsExactly(second.taskId());
        assertThat(older.items()).extracting(DeadLetterInfo::taskId).containsExactly(first.taskId());
        assertThat(older.page()).isEqualTo(1);
        assertThat(older.size()).isEqualTo(1);
    }
}
