package io.switchboard.core.internal.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.internal.id.TimeOrderedIds;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.DatabaseTest;

@DatabaseTest
class RetentionTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private final CoreFixture core = new CoreFixture();
    private final InvocationServiceImpl invocations = new InvocationServiceImpl(core.database, core.quotas,
            TestConfigs.config(InvocationServiceImpl.Config.class, "retentionDays", 7), Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void close() {
        invocations.close();
        core.close();
    }

    /** A record whose id is time-ordered like the platform's (the purge finds expired records by id), ending in its name. */
    private InvocationRecord record(String name, String functionId, Instant startedAt) {
        String id = TimeOrderedIds.lowestAt(startedAt) + "-" + name;
        return new InvocationRecord(id, "acme", functionId, 1, null, null, Trigger.MANUAL, startedAt, 5, Outcome.OK, "1", null, List.of());
    }

    private static String name(InvocationRecord record) {
        return record.id().substring(record.id().lastIndexOf('-') + 1);
    }

    @Test
    void debugLinesAndTheLogsOfManualInvocationsAreNotStoredUnlessConfigured() {
        FunctionInfo f = core.functions.create("acme", CoreFixture.spec("f", null));
        List<LogLine> logs = List.of(new LogLine(NOW, LogLevel.DEBUG, "secret detail"), new LogLine(NOW, LogLevel.INFO, "placed", "[{\"id\":7}]"));
        InvocationServiceImpl keepingAll = new InvocationServiceImpl(core.database, core.quotas, TestConfigs.config(InvocationServiceImpl.Config.class,
                "persistDebugLogs", true, "persistManualInvocationLogs", true), Clock.fixed(NOW, ZoneOffset.UTC));
        try {
            invocations.record(withLogs(record("event", f.id(), NOW), Trigger.EVENT, logs));
            invocations.record(withLogs(record("manual", f.id(), NOW.minusSeconds(1)), Trigger.MANUAL, logs));
            keepingAll.record(withLogs(record("kept", f.id(), NOW.minusSeconds(2)), Trigger.MANUAL, logs));

            // Each service lists after flushing its own write queue: the second one first, then the one under test.
            assertThat(keepingAll.list("acme", f.id(), 0, 10).items()).filteredOn(r -> name(r).equals("kept")).singleElement()
                    .satisfies(r -> assertThat(r.logs()).isEqualTo(logs));
            List<InvocationRecord> stored = invocations.list("acme", f.id(), 0, 10).items();
            assertThat(stored).extracting(RetentionTest::name).containsExactly("event", "manual", "kept");
            assertThat(stored.get(0).logs()).containsExactly(new LogLine(NOW, LogLevel.INFO, "placed", "[{\"id\":7}]"));
            assertThat(stored.get(1).logs()).isEmpty();
        } finally {
            keepingAll.close();
        }
    }

    private static InvocationRecord withLogs(InvocationRecord r, Trigger trigger, List<LogLine> logs) {
        return new InvocationRecord(r.id(), r.account(), r.functionId(), r.version(), r.eventTypeId(), r.eventId(), trigger, r.startedAt(),
                r.durationMs(), r.outcome(), r.resultJson(), r.error(), logs);
    }

    @Test
    void recordsOlderThanTheRetentionArePurgedAndNewerOnesPagedNewestFirst() {
        FunctionInfo f = core.functions.create("acme", CoreFixture.spec("f", null));
        invocations.record(record("old", f.id(), NOW.minus(Duration.ofDays(8))));
        invocations.record(record("recent", f.id(), NOW.minus(Duration.ofDays(6))));
        invocations.record(record("newest", f.id(), NOW.minus(Duration.ofHours(1))));

        assertThat(invocations.purge()).isEqualTo(1);

        assertThat(invocations.list("acme", f.id(), 0, 1).items()).extracting(RetentionTest::name).containsExactly("newest");
        assertThat(invocations.list("acme", f.id(), 1, 1).items()).extracting(RetentionTest::name).containsExactly("recent");
        assertThat(invocations.list("acme", f.id(), 0, 1).total()).isEqualTo(2);
    }
}
