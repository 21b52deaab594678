package io.switchboard.core.api.execution;

import java.time.Instant;

/**
 * One line a function logged, kept with its invocation record.
 *
 * @param time when it was logged
 * @param level its level
 * @param message the first argument of the console call, as text
 * @param extrasJson the further arguments as a JSON array (LivePerson's {@code console.info(message, ...extras)}),
 *                   or null when there were none
 */
public record LogLine(Instant time, LogLevel level, String message, String extrasJson) {

    /** A line without extras. */
    public LogLine(Instant time, LogLevel level, String message) {
        this(time, level, message, null);
    }
}
