package io.switchboard.core.internal.function;

import static io.switchboard.core.internal.testing.CoreFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.function.ConflictException;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.FunctionSpec;
import io.switchboard.core.api.function.FunctionState;
import io.switchboard.core.api.function.FunctionVersion;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.DatabaseTest;
import io.switchboard.core.internal.testing.TestEvents;

/**
 * 60 rounds of lifecycle calls sent at once to one function: every call succeeds or is a conflict, and after every
 * round the function's state, its versions, its binding and what dispatch selects agree.
 */
@DatabaseTest
class LifecycleRaceTest {

    private static final String BOT = "third_party_bots_custom_integration";
    private static final int ROUNDS = 60;

    private final CoreFixture core = new CoreFixture(TestEvents.customIntegration());
    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    @AfterEach
    void close() throws InterruptedException {
        callers.shutdownNow();
        callers.awaitTermination(10, TimeUnit.SECONDS);
        core.close();
    }

    private interface Call {
        void run();
    }

    @Test
    void concurrentLifecycleCallsOfOneFunctionAreSerializedAndLeaveItConsistent() throws Exception {
        FunctionInfo created = core.functions.create("acme", spec("racer", BOT));
        String id = created.id();
        core.functions.deploy("acme", id);
        AtomicInteger edits = new AtomicInteger();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<Call> calls = List.of(
                () -> core.functions.deploy("acme", id),
                () -> core.functions.undeploy("acme", id),
                () -> core.functions.update("acme", id, edited(edits.incrementAndGet())),
                () -> core.functions.rollback("acme", id, 1),
                () -> core.functions.deploy("acme", id),
                () -> core.functions.undeploy("acme", id),
                () -> core.functions.update("acme", id, edited(edits.incrementAndGet())),
                () -> core.functions.deploy("acme", id));

        for (int round = 0; round < ROUNDS; round++) {
            CyclicBarrier start = new CyclicBarrier(calls.size());
            List<Future<String>> answers = new ArrayList<>();
            for (Call call : calls) {
                answers.add(callers.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        call.run();
                        return "ok";
                    } catch (ConflictException e) {
                        return "conflict";
                    }
                }));
            }
            for (Future<String> answer : answers) {
                outcomes.computeIfAbsent(answer.get(30, TimeUnit.SECONDS), k -> new AtomicInteger()).incrementAndGet();
            }
            assertConsistent(id, round);
        }

        assertThat(outcomes.keySet()).containsOnly("ok", "conflict");
        assertThat(outcomes.get("ok").get()).as("calls that took effect").isGreaterThan(ROUNDS);
    }

    private void assertConsistent(String id, int round) {
        FunctionInfo info = core.functions.get("acme", id);
        List<FunctionVersion> versions = core.functions.versions("acme", id);
        List<Binding> bindings = core.deployedFunctions.bindings("acme");
        boolean deployed = info.state() == FunctionState.PRODUCTIVE || info.state() == FunctionState.MODIFIED;
        String where = "round " + round + ": " + info.state() + " v" + info.deployedVersion() + "/" + info.latestVersion();

        assertThat(versions).as(where).extracting(FunctionVersion::version)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, info.latestVersion()).boxed().toList());
        if (deployed) {
            assertThat(info.deployedVersion()).as(where).isBetween(1, info.latestVersion());
            assertThat(bindings).as(where).singleElement().satisfies(b -> assertThat(b.version()).isEqualTo(info.deployedVersion()));
            assertThat(core.deployedFunctions.selectFor("acme", BOT, null)).as(where).singleElement()
                    .satisfies(f -> assertThat(f.version()).isEqualTo(info.deployedVersion()));
        } else {
            assertThat(info.deployedVersion()).as(where).isZero();
            assertThat(bindings).as(where).isEmpty();
            assertThat(core.deployedFunctions.selectFor("acme", BOT, null)).as(where).isEmpty();
        }
    }

    private static FunctionSpec edited(int edit) {
        return new FunctionSpec("racer", "edit " + edit, "async function lambda() { return " + edit + "; }", BOT, null, null, null,
                null, null, null);
    }
}
