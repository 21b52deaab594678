package io.switchboard.core.api.dispatch;

import java.util.Objects;

/**
 * One finished run of a function for an asynchronous event, told to every {@link AsyncOutcomeListener} after its
 * invocation record is stored.
 *
 * @param eventId the event's id (as answered when it was accepted)
 * @param account the event's account
 * @param eventTypeId the event's type
 * @param outcome what the function did
 * @param attempt the attempt this run was, from 1
 * @param finalAttempt true when no further attempt follows: the outcome is OK, or the task was dead-lettered
 */
public record AsyncOutcome(String eventId, String account, String eventTypeId, FunctionOutcome outcome, int attempt,
        boolean finalAttempt) {
    public AsyncOutcome {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(eventTypeId, "eventTypeId");
        Objects.requireNonNull(outcome, "outcome");
    }
}
