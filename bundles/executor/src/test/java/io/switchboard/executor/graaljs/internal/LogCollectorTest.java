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
    void byteBudgetCountsUtf8AndNeverSplitsACharacter() {
        LogCollector logs = new LogCollector(10, 6, CLOCK);

        logs.add(LogLevel.INFO, "ab\u00e9\u20ac!");

        assertThat(logs.lines()).extracting(LogLine::message).containsExactly("ab\u00e9" + LogCollector.TRUNCATED);
    }

    @Test
    void linesKeepTheirLevelAndTime() {
        LogCollector logs = new LogCollector(10, 100, CLOCK);

        logs.add(LogLevel.ERROR, "boom");

        assertThat(logs.lines()).containsExactly(new LogLine(CLOCK.instant(), LogLevel.ERROR, "boom"));
    }

    @Test
    void nothingIsDroppedWithinTheBounds() {
        LogCollector logs = new LogCollector(2, 100, CLOCK);

        logs.add(LogLevel.INFO, "one");
        logs.add(LogLevel.INFO, "two");

        assertThat(logs.lines()).hasSize(2);
        assertThat(LogCollector.utf8Length("\ud83d\ude00\u00e9")).isEqualTo(6);
    }
}
