package io.switchboard.core.api.observe;

/**
 * The persisted asynchronous queue at one moment.
 *
 * @param pendingTasks tasks waiting to run or be retried
 * @param oldestPendingAgeMillis how long the oldest pending task has been due, in milliseconds (0 when none is due)
 * @param deadLetters tasks dead-lettered and not retried or purged yet
 */
public record AsyncQueueState(long pendingTasks, long oldestPendingAgeMillis, long deadLetters) {
}
