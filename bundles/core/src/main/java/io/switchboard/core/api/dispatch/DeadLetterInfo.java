package io.switchboard.core.api.dispatch;

import java.time.Instant;

/**
 * An asynchronous task that failed every attempt and was set aside (dead-lettered) instead of being retried again.
 *
 * @param taskId the task's id: what {@link DeadLetters#retry} takes
 * @param eventId the asynchronous event the task ran a function for
 * @param eventTypeId the event's type
 * @param functionId the function the task runs
 * @param version the function version the task runs (after a retry: the version deployed when it was retried)
 * @param attempts attempts made (0 once a retry re-queued it)
 * @param lastError what the last attempt ended with, or null
 * @param deadLetteredAt when the task was dead-lettered
 */
public record DeadLetterInfo(String taskId, String eventId, String eventTypeId, String functionId, int version, int attempts,
        String lastError, Instant deadLetteredAt) {
}
