package io.switchboard.core.internal.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.api.function.InvocationState;
import io.switchboard.core.api.function.ReportRange;
import io.switchboard.core.internal.id.TimeOrderedIds;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.DatabaseTest;
import io.switchboard.core.internal.testing.TestConfigs;

/** The record policy against the real record writer and H2: what is stored, and that every run is still counted. */
@DatabaseTest
class InvocationRecordPolicyTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:07:30Z");

    private final CoreFixture core = new CoreFixture();
    /** No sample: only failures and runs that logged keep their records. */
    private final RecordPolicy policy = new RecordPolicy(TestConfigs.config(RecordPolicy.Config.class, "policy",
            RecordPolicy.Policy.FAILURES_LOGGED_SAMPLE, "sampleRate", 0.0), () -> 0.5);
    private final InvocationServiceImpl invocations = new InvocationServiceImpl(core.database, core.quotas,
            TestConfigs.config(InvocationServiceImpl.Config.class), Clock.fixed(NOW, ZoneOffset.UTC), policy);
    private final AtomicInteger sequence = new AtomicInteger();

    @AfterEach
    void close() {
        invocations.close();
        core.close();
    }

    private InvocationRecord record(String functionId, Outcome outcome, List<LogLine> logs) {
        Instant startedAt = Instant.parse("2026-06-01T12:05:00Z").plusSeconds(sequence.get());
        String id = TimeOrderedIds.lowestAt(startedAt) + "-" + sequence.incrementAndGet();
        return new InvocationRecord(id, "acme", functionId, 1, null, null, Trigger.EVENT, startedAt, 4, outcome,
                outcome == Outcome.OK ? "{\"big\":\"result\"}" : null,
                outcome == Outcome.OK ? null : new ExecutionError("com.switchboard.function.runtime-error", "boom"), logs);
    }

    @Test
    void onlyFailuresAndRunsThatLoggedAreStoredButTheReportCountsEveryRun() {
        FunctionInfo f = core.functions.create("acme", CoreFixture.spec("f", null));
        for (int i = 0; i < 8; i++) {
            invocations.record(record(f.id(), Outcome.OK, List.of()));
        }
        InvocationRecord logged = record(f.id(), Outcome.OK, List.of(new LogLine(NOW, LogLevel.INFO, "kept")));
        InvocationRecord failed = record(f.id(), Outcome.ERROR, List.of());
        invocations.record(logged);
        invocations.record(failed);

        assertThat(invocations.list("acme", f.id(), 0, 100).items()).extracting(InvocationRecord::id)
                .containsExactlyInAnyOrder(logged.id(), failed.id());
        var minute = invocations.report("acme", f.id(), ReportRange.HOUR).buckets().stream()
                .filter(b -> b.start().equals(Instant.parse("2026-06-01T12:05:00Z"))).findFirst().orElseThrow();
        assertThat(minute.counts()).containsEntry(InvocationState.SUCCEEDED, 9L).containsEntry(InvocationState.CODING_FAILURE, 1L);
        assertThat(minute.durations().count()).isEqualTo(10);
    }

    @Test
    void onlyTheStoredRecordsCountTowardsTheAccountsRecordBytes() {
        FunctionInfo f = core.functions.create("acme", CoreFixture.spec("f", null));
        invocations.record(record(f.id(), Outcome.OK, List.of()));
        assertThat(invocations.recordBytesByAccount().getOrDefault("acme", 0L)).isZero();
        invocations.record(record(f.id(), Outcome.ERROR, List.of()));
        assertThat(invocations.recordBytesByAccount().get("acme")).isEqualTo((long) InvocationRepository.FIXED_BYTES + "boom".length() + "[]".length());
    }

    @Test
    void aRecordWrittenDurablyIsStoredWhateverThePolicy() {
        FunctionInfo f = core.functions.create("acme", CoreFixture.spec("f", null));
        InvocationRecord quiet = record(f.id(), Outcome.OK, List.of());
        invocations.recordDurably(quiet);
        assertThat(invocations.get("acme", quiet.id()).resultJson()).isEqualTo("{\"big\":\"result\"}");
    }
}
