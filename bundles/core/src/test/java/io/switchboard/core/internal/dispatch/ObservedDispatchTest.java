package io.switchboard.core.internal.dispatch;

import static io.switchboard.core.internal.testing.ScriptedExecutor.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.api.dispatch.CapacityExceededException;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.api.observe.PlatformObserver;
import io.switchboard.core.internal.invocation.InvocationServiceImpl;
import io.switchboard.core.internal.observe.PlatformObservers;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.DatabaseTest;
import io.switchboard.core.internal.testing.ScriptedExecutor;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dispatch tells the observer whiteboard about each run's start and end, 429s and quarantines (what the metrics count). */
@DatabaseTest
class ObservedDispatchTest {

    private static final String BOT = "third_party_bots_custom_integration";

    private final CoreFixture core = new CoreFixture(TestEvents.customIntegration());
    private final InvocationServiceImpl invocations = new InvocationServiceImpl(core.database, core.quotas,
            TestConfigs.config(InvocationServiceImpl.Config.class));
    private final DispatcherImpl dispatcher = new DispatcherImpl(core.catalog, core.deployedFunctions, invocations, core.database, core.bots,
            TestConfigs.config(DispatcherImpl.Config.class, "maxConcurrentPerFunction", 1), Clock.systemUTC());
    private final List<String> told = new CopyOnWriteArrayList<>();

    ObservedDispatchTest() {
        PlatformObservers observers = new PlatformObservers();
        observers.addObserver(new PlatformObserver() {
            @Override
            public void invocationStarted(String invocationId, String account, String functionId) {
                told.add("started " + invocationId + " " + account + " " + functionId);
            }

            @Override
            public void invocationFinished(InvocationRecord record) {
                told.add("finished " + record.id() + " " + record.account() + " " + record.functionId() + " " + record.outcome() + " "
                        + record.trigger());
            }

            @Override
            public void capacityExceeded(String account, String functionId) {
                told.add("429 " + account + " " + functionId);
            }

            @Override
            public void quarantined(String account, String functionId) {
                told.add("quarantined " + account + " " + functionId);
            }
        });
        observers.addObserver(new PlatformObserver() {
            @Override
            public void invocationFinished(InvocationRecord record) {
                throw new IllegalStateException("a broken observer");
            }
        });
        dispatcher.setObservers(observers);
    }

    @AfterEach
    void close() {
        dispatcher.close();
        invocations.close();
        core.close();
    }

    @Test
    void aRunIsToldWhenItStartsAndWhenItEndsWithTheSameIdEvenBesideABrokenObserver() {
        dispatcher.setExecutor(ScriptedExecutor.echo());
        FunctionInfo echo = core.deployed("acme", "echo", BOT);

        FunctionOutcome outcome = dispatcher.invoke("acme", "echo", "{}", List.of(), Trigger.MANUAL);

        assertThat(outcome.outcome()).isEqualTo(Outcome.OK);
        assertThat(told).containsExactly("started " + outcome.invocationId() + " acme " + echo.id(),
                "finished " + outcome.invocationId() + " acme " + echo.id() + " OK MANUAL");
    }

    @Test
    void aCallRefusedForAFullConcurrencyLimitIsToldAsA429OfItsFunction() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        dispatcher.setExecutor(new ScriptedExecutor(request -> {
            running.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ok("1");
        }));
        FunctionInfo slow = core.deployed("acme", "slow", BOT);
        Thread first = new Thread(() -> dispatcher.invoke("acme", "slow", "{}", List.of(), Trigger.EXTERNAL));
        first.start();
        assertThat(running.await(20, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> dispatcher.invoke("acme", "slow", "{}", List.of(), Trigger.EXTERNAL))
                .isInstanceOf(CapacityExceededException.class);
        release.countDown();
        first.join(20_000);

        assertThat(told).contains("429 acme " + slow.id());
    }

    @Test
    void aFunctionStoppedWhileBusyOnCpuIsToldAsQuarantinedOnce() {
        Duration busy = Duration.ofSeconds(2);
        dispatcher.setExecutor(new ScriptedExecutor(request -> new ExecutionResult(Outcome.TIMEOUT, null,
                new ExecutionError("com.switchboard.function.timeout", "stopped"), List.of(), busy, busy)));
        FunctionInfo spinner = core.deployed("acme", "spinner", BOT);

        dispatcher.invoke("acme", "spinner", "{}", List.of(), Trigger.EXTERNAL);

        assertThat(told).filteredOn(line -> line.startsWith("quarantined")).containsExactly("quarantined acme " + spinner.id());
    }
}
