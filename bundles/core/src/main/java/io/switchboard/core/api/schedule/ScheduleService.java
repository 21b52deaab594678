package io.switchboard.core.api.schedule;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The schedules of each account. Each firing invokes the function's deployed version once across all instances
 * sharing the database, recorded with trigger {@code SCHEDULE}; undeploying or deleting a function deletes its
 * schedules.
 *
 * @throws io.switchboard.core.api.function.ValidationException from create/update: a field is wrong (cron expression,
 *         time zone, payload too long, fires more often than allowed)
 * @throws io.switchboard.core.api.function.ConflictException from create/update: the function is not deployed, or the
 *         account has as many schedules as it may
 * @throws io.switchboard.core.api.function.NotFoundException the account has no such schedule
 */
@ProviderType
public interface ScheduleService {

    List<ScheduleInfo> list(String account);

    ScheduleInfo get(String account, String scheduleId);

    ScheduleInfo create(String account, ScheduleSpec spec);

    /** Replaces the schedule's definition; its next firing is computed anew. */
    ScheduleInfo update(String account, String scheduleId, ScheduleSpec spec);

    void delete(String account, String scheduleId);
}
