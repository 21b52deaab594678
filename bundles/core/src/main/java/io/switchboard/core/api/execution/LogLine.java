package io.switchboard.core.api.execution;

import java.time.Instant;

/** One line a function logged, kept with its invocation record. */
public record LogLine(Instant time, LogLevel level, String message) {
}
