package io.switchboard.core.internal.dispatch;

/** A task that failed every attempt: kept for operators to inspect. */
public record DeadLetter(String taskId, String eventId, String account, String eventTypeId, String functionId, int version,
        int attempts, String lastError, long updatedAt) {
}
