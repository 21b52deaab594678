package io.switchboard.core.internal.schedule;

import java.time.Instant;

import io.switchboard.core.api.schedule.ScheduleInfo;
import io.switchboard.core.api.schedule.ScheduleSpec;

/** A row of the {@code schedules} table. */
record ScheduleRow(String id, String account, ScheduleSpec spec, Instant nextExecution, Instant lastExecution, Boolean lastFailed,
        String lastInvocationId, Instant createdAt, Instant updatedAt) {

    ScheduleInfo info() {
        return new ScheduleInfo(id, account, spec, spec.active() ? nextExecution : null, lastExecution, lastFailed, lastInvocationId,
                createdAt, updatedAt);
    }
}
