package io.switchboard.core.api.dispatch;

import io.switchboard.core.api.event.ResultDelivery;
import java.util.List;
import java.util.Objects;

/**
 * An asynchronous event once every function selected for it has finished (retries included): told once per event to
 * every {@link SettledEventListener}.
 *
 * @param eventId the event's id (as answered when it was accepted)
 * @param account the event's account
 * @param eventTypeId the event's type
 * @param skillId the skill the event was raised for, or null
 * @param delivery how the type combines its functions' results
 * @param delivered true when every function returned a valid result: {@code resultJson} is the combined result to
 *        deliver; false when a function still failed after its retries: the event was dead-lettered and nothing is
 *        delivered
 * @param resultJson the combined result as JSON text when delivered, else null
 * @param functions the functions that ran for the event, in function-name order
 */
public record SettledEvent(String eventId, String account, String eventTypeId, String skillId, ResultDelivery delivery,
        boolean delivered, String resultJson, List<FunctionRun> functions) {
    public SettledEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(eventTypeId, "eventTypeId");
        functions = functions == null ? List.of() : List.copyOf(functions);
    }
}
