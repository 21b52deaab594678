package io.switchboard.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.cli.CliException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SinceTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void spansCountBackFromNow() {
        assertThat(Since.parse("30m", NOW)).isEqualTo(Instant.parse("2026-12-03T11:30:00Z"));
        assertThat(Since.parse("7d", NOW)).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
        assertThat(Since.parse("2026-12-01T00:00:00Z", NOW)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void anythingElseIsAUsageError() {
        assertThatThrownBy(() -> Since.parse("yesterday", NOW)).isInstanceOf(CliException.class).hasMessageContaining("30m, 2h, 7d");
    }

    @Test
    void theLineDiffMarksWhatChanged() {
        assertThat(LineDiff.of("a\nb\nc", "a\nB\nc")).containsExactly("  a", "- b", "+ B", "  c");
    }
}
