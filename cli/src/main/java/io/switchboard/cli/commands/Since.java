package io.switchboard.cli.commands;

import io.switchboard.cli.CliException;
import io.switchboard.cli.ExitCode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A point in time given as a span back from now ({@code 30m}, {@code 2h}, {@code 7d}) or as an ISO-8601 instant. */
final class Since {
    private Since() {
    }

    static Instant parse(String text, Instant now) {
        String value = text.strip();
        try {
            if (value.matches("\\d+[smhd]")) {
                long amount = Long.parseLong(value.substring(0, value.length() - 1));
                Duration span = switch (value.charAt(value.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
                return now.minus(span);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new CliException(ExitCode.USAGE, "'" + text + "' is neither a span (30m, 2h, 7d) nor an ISO-8601 time (2026-01-02T03:04:05Z)");
        }
    }
}
