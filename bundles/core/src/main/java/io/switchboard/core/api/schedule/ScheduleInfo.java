package io.switchboard.core.api.schedule;

import java.time.Instant;

/**
 * A stored schedule and how it fired.
 *
 * @param id the schedule's id
 * @param account the account it belongs to
 * @param spec what it is
 * @param nextExecution when it fires next; null while paused
 * @param lastExecution when it last fired; null before the first firing
 * @param didLastExecutionFail whether the last firing's invocation did not end OK; null before the first firing
 * @param lastInvocationId the invocation record of the last firing; null before the first firing
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
public record ScheduleInfo(String id, String account, ScheduleSpec spec, Instant nextExecution, Instant lastExecution,
        Boolean didLastExecutionFail, String lastInvocationId, Instant createdAt, Instant updatedAt) {
}
