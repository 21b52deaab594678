package io.switchboard.core.internal.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.api.function.InvocationReport;
import io.switchboard.core.api.function.InvocationState;
import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.function.ReportRange;
import io.switchboard.core.internal.db.Rows;
import io.switchboard.core.internal.id.TimeOrderedIds;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.DatabaseTest;
import io.switchboard.core.internal.testing.TestConfigs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@DatabaseTest
class InvocationReportTest {

    /** 12:07:30: the 1 h report's last bucket is 12:07, the 24 h report's 12:00 (15 min), the 30 d report's 12:00 (6 h). */
    private static final Instant NOW = Instant.parse("2026-06-01T12:07:30Z");

    private final CoreFixture core = new CoreFixture();
    private final InvocationServiceImpl invocations = new InvocationServiceImpl(core.database, core.quotas,
            TestConfigs.config(InvocationServiceImpl.Config.class, "retentionDays", 7), Clock.fixed(NOW, ZoneOffset.UTC));
    private final AtomicInteger sequence = new AtomicInteger();

    @AfterEach
    void close() {
        invocations.close();
        core.close();
    }

    private InvocationRecord record(String functionId, Instant startedAt, long durationMs, Outcome outcome, String errorCode) {
        String id = TimeOrderedIds.lowestAt(startedAt) + "-" + sequence.incrementAndGet();
        return new InvocationRecord(id, "acme", functionId, 1, null, null, Trigger.EVENT, startedAt, durationMs, outcome,
                outcome == Outcome.OK ? "1" : null, errorCode == null ? null : new ExecutionError(errorCode, "m"), List.of());
    }

    @Test
    void theHourReportCountsEachMinutesInvocationsPerStateWithPercentiles() {
        FunctionInfo f = core.functions.create("acme", CoreFixture.spec("f", null));
        Instant minute = Instant.parse("2026-06-01T12:05:00Z");
        for (int i = 0; i < 9; i++) {
            invocations.record(record(f.id(), minute.plusSeconds(i), 7, Outcome.OK, null));
        }
        invocations.record(record(f.id(), minute.plusSeconds(20), 150, Outcome.ERROR, "com.switchboard.function.runtime-error"));
        invocations.record(record(f.id(), minute.plusSeconds(30), 3_000, Outcome.TIMEOUT, "com.switchboard.function.timeout"));
        invocations.record(record(f.id(), minute.plusSeconds(59), 0, Outcome.REJECTED, "com.switchboard.dispatch.quarantined"));
        invocations.record(record(f.id(), NOW, 40, Outcome.ERROR, null));
        // Outside the hour: not in the report.
        invocations.record(record(f.id(), NOW.minus(Duration.ofHours(2)), 5, Outcome.OK, null));

        InvocationReport report = invocations.report("acme", f.id(), ReportRange.HOUR);

        assertThat(report.buckets()).hasSize(60);
        assertThat(report.from()).isEqualTo(Instant.parse("2026-06-01T11:08:00Z"));
        assertThat(report.to()).isEqualTo(Instant.parse("2026-06-01T12:08:00Z"));
        InvocationReport.Bucket fifth = report.buckets().get(57);
        assertThat(fifth.start()).isEqualTo(minute);
        assertThat(fifth.counts()).containsEntry(InvocationState.SUCCEEDED, 9L).containsEntry(InvocationState.CODING_FAILURE, 1L)
                .containsEntry(InvocationState.TIMEOUT, 1L).containsEntry(InvocationState.PLATFORM_FAILURE, 1L)
                .containsEntry(InvocationState.UNKNOWN, 0L);
        assertThat(fifth.durations().count()).isEqualTo(12);
        assertThat(fifth.durations().p50()).isEqualTo(10);
        assertThat(fifth.durations().p95()).isEqualTo(3_000);
        assertThat(report.buckets().get(59).counts()).containsEntry(InvocationState.UNKNOWN, 1L);
        assertThat(report.buckets().get(0).durations().p50()).isNull();
        assertThat(report.totals()).containsEntry(InvocationState.SUCCEEDED, 9L).containsEntry(InvocationState.UNKNOWN, 1L);
        assertThat(report.durations().count()).isEqualTo(13);
        assertThat(report.durations().max()).isEqualTo(3_000);
    }

    @Test
    void coarserRangesSumTheirMinutesIntoAlignedBuckets() {
        FunctionInfo f = core.functions.create("acme", CoreFixture.spec("f", null));
        invocations.record(record(f.id(), Instant.parse("2026-06-01T11:44:59Z"), 5, Outcome.OK, null));
        invocations.record(record(f.id(), Instant.parse("2026-06-01T11:45:00Z"), 5, Outcome.OK, null));
        invocations.record(record(f.id(), Instant.parse("2026-06-01T11:59:59Z"), 5, Outcome.OK, null));
        invocations.record(record(f.id(), Instant.parse("2026-05-10T01:00:00Z"), 5, Outcome.OK, null));

        InvocationReport day = invocations.report("acme", f.id(), ReportRange.DAY);
        assertThat(day.buckets()).hasSize(96);
        assertThat(day.buckets().get(95).start()).isEqualTo(Instant.parse("2026-06-01T12:00:00Z"));
        assertThat(day.buckets().get(94).counts()).containsEntry(InvocationState.SUCCEEDED, 2L);
        assertThat(day.buckets().get(93).counts()).containsEntry(InvocationState.SUCCEEDED, 1L);
        assertThat(day.totals()).containsEntry(InvocationState.SUCCEEDED, 3L);

        InvocationReport week = invocations.report("acme", f.id(), ReportRange.WEEK);
        assertThat(week.buckets()).hasSize(168);
        assertThat(week.buckets().get(166).counts()).containsEntry(InvocationState.SUCCEEDED, 3L);

        InvocationReport month = invocations.report("acme", f.id(), ReportRange.MONTH);
        assertThat(month.buckets()).hasSize(120);
        assertThat(month.buckets().get(119).start()).isEqualTo(Instant.parse("2026-06-01T12:00:00Z"));
        assertThat(month.buckets().get(118).counts()).containsEntry(InvocationState.SUCCEEDED, 3L);
        assertThat(month.totals()).containsEntry(InvocationState.SUCCEEDED, 4L);
    }

    @Test
    void theRollupIsKeptAsRecordsAreWrittenNotComputedFromThem() {
        FunctionInfo f = core.functions.create("acme", CoreFixture.spec("f", null));
        for (int i = 0; i < 5; i++) {
            invocations.record(record(f.id(), NOW.minusSeconds(1), 12, Outcome.OK, null));
        }
        invocations.list("acme", f.id(), 0, 1); // flushes the writer
        // One row for the minute and state, whatever the number of records; the report still counts them after the
        // records themselves are gone.
        assertThat(rollupRows()).isEqualTo(1);
        core.database.withConnection("drop records", c -> Rows.update(c, "DELETE FROM invocations"));
        assertThat(invocations.report("acme", f.id(), ReportRange.HOUR).totals()).containsEntry(InvocationState.SUCCEEDED, 5L);
    }

    @Test
    void thePurgeKeepsTheRollupForTheLongestReportWhileRecordsGoSooner() {
        FunctionInfo f = core.functions.create("acme", CoreFixture.spec("f", null));
        invocations.record(record(f.id(), NOW.minus(Duration.ofDays(10)), 12, Outcome.OK, null));
        invocations.record(record(f.id(), NOW.minus(Duration.ofDays(40)), 12, Outcome.OK, null));

        assertThat(invocations.purge()).isEqualTo(2);

        assertThat(invocations.report("acme", f.id(), ReportRange.MONTH).totals()).containsEntry(InvocationState.SUCCEEDED, 1L);
        assertThat(rollupRows()).isEqualTo(1);
    }

    private long rollupRows() {
        Long rows = core.database.withConnection("count", c -> Rows.count(c, "SELECT COUNT(*) FROM invocation_rollup"));
        return rows;
    }

    @Test
    void aReportOfAFunctionTheAccountDoesNotHaveIsNotFound() {
        assertThatThrownBy(() -> invocations.report("acme", "nope", ReportRange.HOUR)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("nope");
    }
}
