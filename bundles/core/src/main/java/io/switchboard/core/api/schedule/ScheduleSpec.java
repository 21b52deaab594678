package io.switchboard.core.api.schedule;

import io.switchboard.core.api.dispatch.Header;
import java.util.List;

/**
 * What a schedule is, as created or replaced (LivePerson V2's field names in the REST API).
 *
 * @param functionUuid the function to invoke (its id); it must be deployed
 * @param cronExpression five fields: minute, hour, day of month, month, day of week
 * @param active whether it fires ({@code isActive}); a paused schedule keeps its definition
 * @param description free text, may be null
 * @param timeZone the zone the expression is read in (e.g. {@code Europe/Berlin}); null: {@code Etc/UTC}
 * @param headers handed to the function as {@code input.headers}
 * @param payloadJson the function's {@code input.payload} as JSON text; null: {@code {}}
 */
public record ScheduleSpec(String functionUuid, String cronExpression, boolean active, String description, String timeZone,
        List<Header> headers, String payloadJson) {

    /** The zone of a schedule that names none. */
    public static final String DEFAULT_TIME_ZONE = "Etc/UTC";

    public ScheduleSpec {
        headers = headers == null ? List.of() : List.copyOf(headers);
        timeZone = timeZone == null || timeZone.isBlank() ? DEFAULT_TIME_ZONE : timeZone.strip();
        payloadJson = payloadJson == null || payloadJson.isBlank() ? "{}" : payloadJson;
    }
}
