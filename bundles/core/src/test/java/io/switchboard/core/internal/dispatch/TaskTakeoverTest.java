package io.switchboard.core.internal.dispatch;

import static io.switchboard.core.internal.testing.ScriptedExecutor.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.SettledEventListener;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.internal.db.Rows;
import io.switchboard.core.internal.invocation.InvocationServiceImpl;
import io.switchboard.core.internal.testing.Await;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.DatabaseTest;
import io.switchboard.core.internal.testing.ScriptedExecutor;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestEvents;

/**
 * Two instances on one database (issue 13, item 1): tasks are claimed with a lease by one instance, the other leaves
 * the tasks of a live instance alone and takes over those of a dead one within the lease, and every acknowledged event
 * runs and settles exactly once, which the task store's settlement rows show.
 */
@DatabaseTest
class TaskTakeoverTest {

    private static final String END = "messaging_conversation_end";
    private static final int LEASE_SECONDS = 1;

    private final CoreFixture core = new CoreFixture(TestEvents.conversationEnd(2));
    private final InvocationServiceImpl invocations = new InvocationServiceImpl(core.database, core.quotas,
            TestConfigs.config(InvocationServiceImpl.Config.class));
    private final List<DispatcherImpl> instances = new ArrayList<>();
    private final Map<String, AtomicInteger> settlements = new ConcurrentHashMap<>();

    private DispatcherImpl instance(String name, ScriptedExecutor executor) {
        DispatcherImpl dispatcher = new DispatcherImpl(core.catalog, core.deployedFunctions, invocations, core.database, core.bots,
                TestConfigs.config(DispatcherImpl.Config.class, "taskLeaseSeconds", LEASE_SECONDS, "asyncPollingMillis", 50L),
                Clock.systemUTC(), name);
        dispatcher.setExecutor(executor);
        dispatcher.addSettledEventListener((SettledEventListener) settled ->
                settlements.computeIfAbsent(settled.eventId(), id -> new AtomicInteger()).incrementAndGet(), null);
        instances.add(dispatcher);
        return dispatcher;
    }

    @AfterEach
    void close() {
        instances.forEach(DispatcherImpl::close);
        invocations.close();
        core.close();
    }

    private static String dispatch(DispatcherImpl instance, int n) {
        return instance.dispatch(new DispatchRequest("acme", END, "{\"conversationId\":\"c-" + n + "\",\"skillId\":\"sales\"}", List.of(),
                Trigger.EVENT, "sales", null, null, null)).eventId();
    }

    @Test
    void anInstanceLeavesTheTasksOfALiveInstanceAloneWhileTheyRunLongerThanTheLease() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedExecutor slow = new ScriptedExecutor(request -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ok("{}");
        });
        DispatcherImpl a = instance("instance-a", slow);
        FunctionInfo end = core.deployed("acme", "end", END, "sales");
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.add(dispatch(a, i));
        }
        Await.until("instance A runs its four tasks", () -> slow.requests.size() == 4);
        ScriptedExecutor other = ScriptedExecutor.echo();
        instance("instance-b", other); // started while A works, as the restart of issue 13's first finding

        // Three leases: A heartbeats its tasks, so B must not revive them.
        long until = System.nanoTime() + Duration.ofSeconds(3L * LEASE_SECONDS).toNanos();
        while (System.nanoTime() < until) {
            assertThat(other.requests).as("tasks B took from the live instance A").isEmpty();
            Thread.onSpinWait();
        }
        release.countDown();
        Await.until("every event settled", () -> events.stream().allMatch(id -> settlements.containsKey(id)));
        assertThat(slow.requests).hasSize(4);
        assertThat(other.requests).isEmpty();
        assertExactlyOnce(events, end);
    }

    @Test
    void theTasksOfAnInstanceThatDiedAreTakenOverWithinTheLeaseAndRunOnce() {
        ScriptedExecutor survivorExecutor = ScriptedExecutor.echo();
        DispatcherImpl accepting = instance("instance-a", null); // no executor: its tasks wait, unclaimed
        FunctionInfo end = core.deployed("acme", "end", END, "sales");
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(dispatch(accepting, i));
        }
        accepting.close();
        instances.remove(accepting);
        // What a kill -9 leaves: the rows claimed by the dead instance, their last heartbeat just before it died.
        int claimed = core.database.withConnection("claim as the dead instance", c -> Rows.update(c, "UPDATE " + TaskLeases.TABLE
                + " SET picked = TRUE, picked_by = 'instance-dead', last_heartbeat = CURRENT_TIMESTAMP, version = version + 1"));
        assertThat(claimed).isEqualTo(6);
        long died = System.nanoTime();

        DispatcherImpl survivor = instance("instance-b", survivorExecutor);
        Await.until("every event settled on the survivor", () -> events.stream().allMatch(id -> settlements.containsKey(id)));
        Duration takeover = Duration.ofNanos(System.nanoTime() - died);
        assertThat(takeover).as("taken over after the lease, not before").isGreaterThanOrEqualTo(Duration.ofSeconds(LEASE_SECONDS));
        assertThat(takeover).as("taken over within the lease and its detection").isLessThanOrEqualTo(
                survivor.takeoverWithin().plusSeconds(2));
        assertThat(survivorExecutor.requests).hasSize(6);
        assertExactlyOnce(events, end);
    }

    @Test
    void aTaskTakenOverAfterItsRunWasRecordedIsSettledWithoutRunningAgain() {
        ScriptedExecutor first = ScriptedExecutor.echo();
        DispatcherImpl a = instance("instance-a", first);
        FunctionInfo end = core.deployed("acme", "end", END, "sales");
        String event = dispatch(a, 1);
        Await.until("the event settled on A", () -> settlements.containsKey(event));
        a.close();
        instances.remove(a);
        settlements.clear();
        // The instance died between storing the run's record and settling the task: pending, claimed, silent.
        core.database.inTransaction("undo the settlement", c -> {
            Rows.update(c, "UPDATE async_tasks SET status = 'PENDING', attempts = 0, result = NULL WHERE event_id = ?", event);
            Rows.update(c, "UPDATE async_events SET status = 'PENDING' WHERE id = ?", event);
            return Rows.update(c, "INSERT INTO " + TaskLeases.TABLE + " (task_name, task_instance, execution_time, picked, picked_by, "
                    + "last_heartbeat, version) SELECT ?, id, CURRENT_TIMESTAMP, TRUE, 'instance-a', CURRENT_TIMESTAMP, 1 FROM async_tasks "
                    + "WHERE event_id = ?", TaskLeases.TASK, event);
        });

        ScriptedExecutor survivor = ScriptedExecutor.echo();
        instance("instance-b", survivor);
        Await.until("the event settled on B", () -> settlements.containsKey(event));
        assertThat(survivor.requests).as("runs on the survivor").isEmpty();
        assertThat(first.requests).hasSize(1);
        assertExactlyOnce(List.of(event), end);
    }

    /** Each event settled once, its task DONE after one attempt, its lease row gone, one successful record. */
    private void assertExactlyOnce(List<String> events, FunctionInfo function) {
        for (String event : events) {
            assertThat(settlements.get(event)).as("settlements of event " + event).hasValue(1);
            core.database.withConnection("check " + event, c -> {
                assertThat(Rows.list(c, "SELECT status, attempts FROM async_tasks WHERE event_id = ?",
                        rs -> rs.getString(1) + "/" + rs.getInt(2), event)).containsExactly("DONE/1");
                assertThat(Rows.one(c, "SELECT status FROM async_events WHERE id = ?", rs -> rs.getString(1), event)).hasValue("SETTLED");
                assertThat(Rows.count(c, "SELECT COUNT(*) FROM " + TaskLeases.TABLE + " t JOIN async_tasks a ON a.id = t.task_instance "
                        + "WHERE a.event_id = ?", event)).isZero();
                return null;
            });
            assertThat(invocations.list("acme", function.id(), 0, 100).items().stream().filter(r -> event.equals(r.eventId())))
                    .as("records of event " + event).hasSize(1);
        }
    }
}
