package io.switchboard.executor.graaljs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.LogLine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LogCollectorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void anEntryThatDoesNotFitEndsTheLogWithOneLimitEntry() {
        LogCollector logs = new LogCollector(10, 12, CLOCK);

        logs.add(LogLevel.INFO, "hello", "[1]");
        logs.add(LogLevel.INFO, "too long", null);
        logs.add(LogLevel.INFO, "x", null);

        assertThat(logs.lines()).hasSize(2);
        assertThat(logs.lines().get(0)).isEqualTo(new LogLine(CLOCK.instant(), LogLevel.INFO, "hello", "[1]"));
        assertThat(logs.lines().get(1).level()).isEqualTo(LogLevel.ERROR);
        assertThat(logs.lines().get(1).message()).startsWith(LogCollector.LIMIT_REACHED + ": 2 log entries dropped");
    }

    @Test
    void addSaysWhetherTheEntryWasKeptAndEntriesDroppedWithoutTextAreCountedOnlyOnceTheLogIsFull() {
        LogCollector logs = new LogCollector(1, 100, CLOCK);

        logs.dropped();
        assertThat(logs.add(LogLevel.INFO, "kept", null)).isTrue();
        assertThat(logs.add(LogLevel.INFO, "dropped", null)).isFalse();
        logs.dropped();
        logs.dropped();

        assertThat(logs.lines()).extracting(LogLine::message).containsExactly("kept", LogCollector.LIMIT_REACHED
                + ": 3 log entries dropped; a run keeps at most 1 entries and 100 characters of message and extras");
    }

    @Test
    void extrasCountTowardsTheCharacters() {
        LogCollector logs = new LogCollector(10, 10, CLOCK);

        logs.add(LogLevel.INFO, "abc", "[\"defghij\"]");

        assertThat(logs.lines()).extracting(LogLine::message).containsExactly(LogCollector.LIMIT_REACHED
                + ": 1 log entry dropped; a run keeps at most 10 entries and 10 characters of message and extras");
    }

    @Test
    void nothingIsDroppedWithinTheBounds() {
        LogCollector logs = new LogCollector(2, 100, CLOCK);

        logs.add(LogLevel.INFO, "one", null);
        logs.add(LogLevel.DEBUG, "two", "[{\"a\":1}]");

        assertThat(logs.lines()).extracting(LogLine::message).containsExactly("one", "two");
        assertThat(logs.lines().get(1).extrasJson()).isEqualTo("[{\"a\":1}]");
    }
}
