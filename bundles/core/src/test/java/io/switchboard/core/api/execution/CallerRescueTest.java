package io.switchboard.core.api.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class CallerRescueTest {

    private static final ExecutionResult ABANDONED = new ExecutionResult(Outcome.TIMEOUT, null,
            new ExecutionError(ExecutionResult.UNSTOPPABLE, "could not be stopped"), List.of(), Duration.ofSeconds(7));

    private final List<String> steps = new CopyOnWriteArrayList<>();
    private final CallerRescue rescue = new CallerRescue(result -> steps.add("answer " + result.error().errorCode()));

    @Test
    void itIsRegisteredOnlyOnTheCallersThreadAndOnlyWhileItsWorkRuns() throws Exception {
        assertThat(CallerRescue.current()).isNull();
        CallerRescue outer = new CallerRescue(result -> { });

        CallerRescue[] seen = new CallerRescue[3];
        outer.call(() -> {
            seen[0] = CallerRescue.current();
            rescue.call(() -> seen[1] = CallerRescue.current());
            seen[2] = CallerRescue.current();
            return null;
        });
        CallerRescue elsewhere = outer.call(() -> CompletableFuture.supplyAsync(CallerRescue::current).join());

        assertThat(seen).containsExactly(outer, rescue, outer);
        assertThat(CallerRescue.current()).isNull();
        assertThat(elsewhere).as("another thread").isNull();
    }

    @Test
    void theRescueAnswersOnceAfterItsStepsAndAFailingStepDoesNotKeepTheCallerFromItsAnswer() {
        rescue.beforeAnswer(result -> steps.add("record"));
        rescue.beforeAnswer(result -> {
            throw new IllegalStateException("a step failed");
        });
        rescue.beforeAnswer(result -> steps.add("release"));

        assertThat(rescue.rescue(ABANDONED)).isTrue();
        assertThat(rescue.rescue(ABANDONED)).as("once").isFalse();

        assertThat(steps).containsExactly("record", "release", "answer com.switchboard.executor.unstoppable");
        assertThat(rescue.rescued()).isTrue();
        assertThat(rescue.claim()).as("the caller's thread, back, answers nothing").isFalse();
        assertThat(rescue.awaitRescue(Duration.ZERO)).isTrue();
    }

    @Test
    void aCallerThatClaimedFirstIsNotRescued() {
        assertThat(rescue.claim()).isTrue();

        assertThat(rescue.rescue(ABANDONED)).isFalse();
        assertThat(steps).isEmpty();
        assertThat(rescue.rescued()).isFalse();
    }

    @Test
    void theCallersThreadWaitsUntilTheRescuesAnswerIsWritten() throws Exception {
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch write = new java.util.concurrent.CountDownLatch(1);
        CallerRescue slow = new CallerRescue(result -> {
            writing.countDown();
            try {
                write.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            steps.add("written");
        });
        CompletableFuture<Boolean> rescuing = CompletableFuture.supplyAsync(() -> slow.rescue(ABANDONED));
        assertThat(writing.await(20, TimeUnit.SECONDS)).isTrue();

        assertThat(slow.claim()).isFalse();
        assertThat(slow.awaitRescue(Duration.ofMillis(50))).as("still writing").isFalse();
        write.countDown();
        assertThat(slow.awaitRescue(Duration.ofSeconds(20))).isTrue();
        assertThat(steps).containsExactly("written");
        assertThat(rescuing.get(20, TimeUnit.SECONDS)).isTrue();
    }
}
