package io.switchboard.core.api.dispatch;

import io.switchboard.core.api.event.InvocationMode;
import java.util.List;

/**
 * The answer to a dispatched event.
 *
 * @param eventId id under which the event was recorded
 * @param mode SYNC: {@code outcomes} holds every selected function's outcome; ASYNC: the event was
 *             persisted and accepted, {@code outcomes} is empty and the functions run later
 * @param outcomes one entry per function that ran (SYNC only)
 */
public record DispatchResult(String eventId, InvocationMode mode, List<FunctionOutcome> outcomes) {
    public DispatchResult {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }
}
