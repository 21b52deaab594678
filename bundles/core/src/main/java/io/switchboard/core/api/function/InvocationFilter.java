package io.switchboard.core.api.function;

import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.Outcome;
import java.time.Instant;
import java.util.Set;

/**
 * Which invocation records a search or an export answers; every part is optional (null or empty: not filtered).
 *
 * @param outcomes records that ended in one of these
 * @param triggers records caused by one of these
 * @param version records of this version (0: draft runs)
 * @param from records started at or after this instant
 * @param to records started before this instant
 * @param minLevel records with at least one stored log line at this level or above
 * @param text records whose stored log lines, error message or result contain this text (case-insensitive)
 * @since 1.5
 */
public record InvocationFilter(Set<Outcome> outcomes, Set<Trigger> triggers, Integer version, Instant from, Instant to,
        LogLevel minLevel, String text) {

    /** Every record. */
    public static final InvocationFilter ALL = new InvocationFilter(Set.of(), Set.of(), null, null, null, null, null);

    public InvocationFilter {
        outcomes = outcomes == null ? Set.of() : Set.copyOf(outcomes);
        triggers = triggers == null ? Set.of() : Set.copyOf(triggers);
        text = text == null || text.isEmpty() ? null : text;
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ValidationException("Invalid time range.", java.util.List.of(new io.switchboard.core.api.dispatch.FieldError("from",
                    "must be before 'to' (" + to + "), was " + from)));
        }
    }
}
