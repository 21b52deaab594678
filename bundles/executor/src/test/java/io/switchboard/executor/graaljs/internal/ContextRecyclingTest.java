package io.switchboard.executor.graaljs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a warm context may keep between calls is bounded (issue 14, item 3). */
class ContextRecyclingTest {
    /** Keeps a new 16 MiB array in a global on every call and answers how many it holds. */
    private static final String HOARDER = "const kept = []; async function lambda() { kept.push(new Float64Array(2 * 1024 * 1024)); "
            + "return kept.length; }";
    private static final String COUNTER = "let calls = 0; async function lambda() { return ++calls; }";

    @Test
    void aContextIsClosedOnceItsRunsAllocatedTheBudgetSoGlobalsCannotGrowWithoutEnd() {
        List<Integer> held = new ArrayList<>();
        // 0: the budget applies whatever the heap (by default it waits until the old generation is half full)
        try (ExecutorHarness harness = new ExecutorHarness(Map.of("contextAllocationBudgetMegabytes", 40L,
                "contextAllocationBudgetHeapPercent", 0))) {
            for (int call = 0; call < 10; call++) {
                held.add(Integer.parseInt(run(harness, "hoarder@1", HOARDER)));
            }
        }

        assertThat(held).as("arrays held by the context after each call").allMatch(n -> n <= 3).contains(1, 2, 3);
    }

    @Test
    void aContextIsClosedAfterTheConfiguredNumberOfRuns() {
        List<String> counts = new ArrayList<>();
        try (ExecutorHarness harness = new ExecutorHarness(Map.of("contextMaxUses", 3L))) {
            for (int call = 0; call < 7; call++) {
                counts.add(run(harness, "counter@1", COUNTER));
            }
        }

        assertThat(counts).containsExactly("1", "2", "3", "1", "2", "3", "1");
    }

    @Test
    void withoutBoundsAContextKeepsItsGlobals() {
        List<String> counts = new ArrayList<>();
        try (ExecutorHarness harness = new ExecutorHarness(Map.of("contextMaxUses", 0L, "contextAllocationBudgetMegabytes", 0L))) {
            for (int call = 0; call < 4; call++) {
                counts.add(run(harness, "counter@1", COUNTER));
            }
        }

        assertThat(counts).containsExactly("1", "2", "3", "4");
    }

    @Test
    void aFullOldGenerationStopsContextsFromBeingKeptUntilItFallsBelowTheThreshold() {
        AtomicInteger heapPercent = new AtomicInteger(40);
        ContextRecycling recycling = new ContextRecycling(0, 0, 50, 75, heapPercent::get);
        WarmContext warm = new WarmContext(null, null, "f@1", "f", 0);

        assertThat(recycling.heapPressureStarted()).isFalse();
        assertThat(recycling.mayKeep(warm)).isTrue();
        heapPercent.set(80);
        assertThat(recycling.heapPressureStarted()).as("went above: idle contexts are closed").isTrue();
        assertThat(recycling.heapPressureStarted()).as("still above: reported once").isFalse();
        assertThat(recycling.mayKeep(warm)).isFalse();
        heapPercent.set(50);
        assertThat(recycling.heapPressureStarted()).isFalse();
        assertThat(recycling.mayKeep(warm)).isTrue();
    }

    @Test
    void theAllocationBudgetRetiresAContextOnlyOnceTheOldGenerationReachesItsThreshold() {
        AtomicInteger heapPercent = new AtomicInteger(10);
        ContextRecycling recycling = new ContextRecycling(0, 1000, 50, 75, heapPercent::get);
        WarmContext within = new WarmContext(null, null, "f@1", "f", 0);
        within.allocated(999);
        WarmContext over = new WarmContext(null, null, "g@1", "g", 0);
        over.allocated(1000);

        assertThat(recycling.mayKeep(over)).as("heap mostly free: allocation was garbage, the context stays warm").isTrue();
        heapPercent.set(50);
        assertThat(recycling.heapPressureStarted()).as("below the 75 % threshold: nothing closed platform-wide").isFalse();
        assertThat(recycling.mayKeep(over)).as("old generation half full: the context over its budget is closed").isFalse();
        assertThat(recycling.mayKeep(within)).isTrue();
        heapPercent.set(49);
        recycling.heapPressureStarted();
        assertThat(recycling.mayKeep(over)).isTrue();
    }

    @Test
    void aBudgetHeapPercentOfZeroAppliesTheBudgetWhateverTheHeap() {
        ContextRecycling recycling = new ContextRecycling(0, 1000, 0, 75, () -> 1);
        WarmContext over = new WarmContext(null, null, "g@1", "g", 0);
        over.allocated(1000);

        assertThat(recycling.mayKeep(over)).isFalse();
    }

    @Test
    void theHeapGaugeReadsAPercentage() {
        assertThat(new HeapGauge().percentUsedAfterCollection()).isBetween(0, 100);
    }

    private static String run(ExecutorHarness harness, String codeId, String code) {
        ExecutionResult result = harness.executor().execute(Functions.request(codeId.substring(0, codeId.indexOf('@')), codeId, code,
                "{\"payload\":{}}", Duration.ofSeconds(10)));
        assertThat(result.outcome()).as(String.valueOf(result.error())).isEqualTo(Outcome.OK);
        return result.resultJson();
    }
}
