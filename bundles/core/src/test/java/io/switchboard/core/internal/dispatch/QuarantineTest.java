package io.switchboard.core.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;

class QuarantineTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final Quarantine quarantine = new Quarantine(Duration.ofSeconds(60), 1, 0, 0.5, now::get);

    private static ExecutionResult result(Outcome outcome, String code) {
        return new ExecutionResult(outcome, null, code == null ? null : new ExecutionError(code, "stopped"), List.of(), Duration.ofSeconds(2));
    }

    @Test
    void onlyRunsStoppedByTheExecutorWhileBusyOnCpuCount() {
        quarantine.judge("acme", "waited", result(Outcome.TIMEOUT, "com.switchboard.function.timeout"), 10 * MS, 2_000 * MS);
        quarantine.judge("acme", "failed", result(Outcome.ERROR, "com.switchboard.function.failed"), 2_000 * MS, 2_000 * MS);
        quarantine.judge("acme", "fine", result(Outcome.OK, null), 2_000 * MS, 2_000 * MS);
        quarantine.judge("acme", "loop", result(Outcome.TIMEOUT, "com.switchboard.function.timeout"), 1_900 * MS, 2_000 * MS);
        quarantine.judge("acme", "bomb", result(Outcome.ERROR, "com.switchboard.function.memory-limit"), 300 * MS, 400 * MS);

        assertThat(quarantine.isQuarantined("waited")).isFalse();
        assertThat(quarantine.isQuarantined("failed")).isFalse();
        assertThat(quarantine.isQuarantined("fine")).isFalse();
        assertThat(quarantine.isQuarantined("loop")).isTrue();
        assertThat(quarantine.isQuarantined("bomb")).isTrue();
    }

    @Test
    void aRunTheExecutorCouldNotStopQuarantinesItsFunctionWhateverTheCpuMeasured() {
        quarantine.judge("acme", "stuck", result(Outcome.TIMEOUT, ExecutionResult.UNSTOPPABLE), 0, 3_000 * MS);

        assertThat(quarantine.isQuarantined("stuck")).isTrue();
    }

    @Test
    void quarantinedFunctionsShareTheSlotsAndAreReleasedAfterTheDuration() {
        assertThat(quarantine.admit("loop")).isPresent();
        quarantine.judge("acme", "loop", result(Outcome.TIMEOUT, "com.switchboard.function.timeout"), 2_000 * MS, 2_000 * MS);
        quarantine.judge("acme", "bomb", result(Outcome.ERROR, "com.switchboard.function.memory-limit"), 400 * MS, 400 * MS);

        Optional<Quarantine.Slot> first = quarantine.admit("loop");
        assertThat(first).isPresent();
        assertThat(quarantine.admit("loop")).as("the only slot is taken").isEmpty();
        assertThat(quarantine.admit("bomb")).as("shared with every quarantined function").isEmpty();
        assertThat(quarantine.admit("other")).as("functions not in quarantine need no slot").isPresent();

        first.get().close();
        first.get().close();
        Optional<Quarantine.Slot> second = quarantine.admit("bomb");
        assertThat(second).isPresent();
        assertThat(quarantine.admit("loop")).as("closing twice freed one slot, not two").isEmpty();
        second.get().close();

        now.addAndGet(59_000 * MS);
        assertThat(quarantine.isQuarantined("loop")).isTrue();
        now.addAndGet(2_000 * MS);
        assertThat(quarantine.isQuarantined("loop")).isFalse();
        assertThat(quarantine.isQuarantined("bomb")).isFalse();
    }

    @Test
    void aZeroDurationTurnsQuarantineOff() {
        Quarantine off = new Quarantine(Duration.ZERO, 1, 0.1, 0.5, now::get);
        off.judge("acme", "loop", result(Outcome.TIMEOUT, "com.switchboard.function.timeout"), 2_000 * MS, 2_000 * MS);
        assertThat(off.isQuarantined("loop")).isFalse();
    }

    @Test
    void quarantinedRunsSpendASharedCpuBudgetThatRefillsAtItsShare() {
        Quarantine budgeted = new Quarantine(Duration.ofSeconds(600), 4, 0.1, 0.5, now::get);
        budgeted.judge("acme", "loop", result(Outcome.TIMEOUT, "com.switchboard.function.timeout"), 2_000 * MS, 2_000 * MS);

        Optional<Quarantine.Slot> first = budgeted.admit("loop");
        assertThat(first).as("the budget starts full (a second of CPU)").isPresent();
        first.get().charge(2_000 * MS);
        first.get().close();
        assertThat(budgeted.admit("loop")).as("one second in debt").isEmpty();
        assertThat(budgeted.admit("unrelated")).as("functions not in quarantine are not limited").isPresent();

        now.addAndGet(9_000 * MS);
        assertThat(budgeted.admit("loop")).as("refilled 0.9 s of the 1 s debt").isEmpty();
        now.addAndGet(1_000 * MS);
        assertThat(budgeted.admit("loop")).as("out of debt, but less than the least run left").isEmpty();
        now.addAndGet(1_000 * MS);
        Optional<Quarantine.Slot> again = budgeted.admit("loop");
        assertThat(again).isPresent();
        again.get().close();

        now.addAndGet(3_600_000 * MS);
        budgeted.judge("acme", "loop", result(Outcome.TIMEOUT, "com.switchboard.function.timeout"), 2_000 * MS, 2_000 * MS);
        Optional<Quarantine.Slot> later = budgeted.admit("loop");
        later.get().charge(1_500 * MS);
        later.get().close();
        assertThat(budgeted.admit("loop")).as("the bucket holds at most ten seconds of its share (1 s), however long it idled").isEmpty();
    }

    @Test
    void aQuarantinedRunMayRunOnlyAsLongAsTheBudgetItReserved() {
        Quarantine budgeted = new Quarantine(Duration.ofSeconds(600), 4, 0.1, 0.5, now::get);
        assertThat(budgeted.admit("fine").orElseThrow().timeout(Duration.ofSeconds(2)))
                .as("a function not in quarantine keeps its timeout").isEqualTo(Duration.ofSeconds(2));
        budgeted.judge("acme", "loop", result(Outcome.TIMEOUT, "com.switchboard.function.timeout"), 2_000 * MS, 2_000 * MS);

        Quarantine.Slot slot = budgeted.admit("loop").orElseThrow();

        assertThat(slot.timeout(Duration.ofSeconds(2))).as("cut to the full bucket, a second of CPU").isEqualTo(Duration.ofSeconds(1));
        assertThat(slot.timeout(Duration.ofMillis(200))).as("a shorter timeout stays").isEqualTo(Duration.ofMillis(200));
        assertThat(slot.timeout(null)).as("no timeout of its own: the reservation").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void concurrentQuarantinedRunsCannotSpendTheSameBudgetTwice() {
        Quarantine budgeted = new Quarantine(Duration.ofSeconds(600), 4, 0.1, 0.5, now::get);
        budgeted.judge("acme", "loop", result(Outcome.TIMEOUT, "com.switchboard.function.timeout"), 2_000 * MS, 2_000 * MS);
        budgeted.judge("acme", "bomb", result(Outcome.ERROR, "com.switchboard.function.memory-limit"), 400 * MS, 400 * MS);

        Quarantine.Slot loop = budgeted.admit("loop").orElseThrow();
        assertThat(budgeted.admit("bomb")).as("a free slot, but the first run reserved the whole budget").isEmpty();

        loop.charge(300 * MS);
        loop.charge(300 * MS);
        loop.close();
        Quarantine.Slot bomb = budgeted.admit("bomb").orElseThrow();
        assertThat(bomb.timeout(Duration.ofSeconds(2))).as("what the first run gave back, charged once").isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void withoutACpuBudgetQuarantinedRunsKeepTheirTimeout() {
        quarantine.judge("acme", "loop", result(Outcome.TIMEOUT, "com.switchboard.function.timeout"), 2_000 * MS, 2_000 * MS);

        assertThat(quarantine.admit("loop").orElseThrow().timeout(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aRefusalIsToldWithoutTakingTheSlotAndNamesTheSecondsUntilTheBudgetLetsARunIn() {
        Quarantine budgeted = new Quarantine(Duration.ofSeconds(600), 1, 0.01, 0.5, now::get);
        assertThat(budgeted.refusal("loop")).as("not quarantined").isEmpty();
        budgeted.judge("acme", "loop", result(Outcome.TIMEOUT, "com.switchboard.function.timeout"), 2_000 * MS, 2_000 * MS);
        assertThat(budgeted.anyQuarantined()).isTrue();

        assertThat(budgeted.refusal("loop")).as("a slot and a full budget (100 ms) are free").isEmpty();
        assertThat(budgeted.refusal("loop")).as("asking took nothing").isEmpty();
        Quarantine.Slot slot = budgeted.admit("loop").orElseThrow();
        assertThat(budgeted.refusal("loop")).as("slot taken, budget reserved: 100 ms at a hundredth of a core")
                .contains(Duration.ofSeconds(10));
        slot.charge(100 * MS);
        slot.close();
        now.addAndGet(2_500 * MS);
        assertThat(budgeted.refusal("loop")).as("25 ms refilled, 75 ms to go: 7.5 s, rounded up").contains(Duration.ofSeconds(8));
        now.addAndGet(7_500 * MS);
        assertThat(budgeted.refusal("loop")).as("refilled").isEmpty();
        assertThat(budgeted.admit("loop")).isPresent();
    }

    @Test
    void aRefusalWaitsAtMostUntilTheQuarantineEndsAndAtLeastOneSecond() {
        Quarantine starved = new Quarantine(Duration.ofSeconds(5), 1, 0.001, 0.5, now::get);
        starved.judge("acme", "loop", result(Outcome.TIMEOUT, "com.switchboard.function.timeout"), 2_000 * MS, 2_000 * MS);

        assertThat(starved.refusal("loop")).as("the budget (10 ms) never holds a run's 100 ms: the quarantine's end")
                .contains(Duration.ofSeconds(5));
        now.addAndGet(4_800 * MS);
        assertThat(starved.refusal("loop")).as("0.2 s left: a whole second").contains(Duration.ofSeconds(1));
        now.addAndGet(200 * MS);
        assertThat(starved.refusal("loop")).as("released").isEmpty();
    }

    @Test
    void withoutABudgetOnlyTheSlotsRefuseForASecond() {
        quarantine.judge("acme", "loop", result(Outcome.TIMEOUT, "com.switchboard.function.timeout"), 2_000 * MS, 2_000 * MS);
        assertThat(quarantine.refusal("loop")).isEmpty();

        Quarantine.Slot slot = quarantine.admit("loop").orElseThrow();

        assertThat(quarantine.refusal("loop")).contains(Duration.ofSeconds(1));
        assertThat(quarantine.refusal("other")).as("functions not in quarantine need no slot").isEmpty();
        slot.close();
        assertThat(quarantine.refusal("loop")).isEmpty();
    }
}
