package io.switchboard.core.api.dispatch;

import java.util.List;
import java.util.Objects;

/**
 * An event to dispatch to the functions of one account bound to its type.
 *
 * @param account the account (tenant) the event belongs to
 * @param eventTypeId the catalogue id of the event type
 * @param payloadJson the payload as JSON text; validated against the event type's schema
 * @param headers the caller's headers, handed to functions unchanged
 * @param trigger what raised the event
 */
public record DispatchRequest(String account, String eventTypeId, String payloadJson, List<Header> headers, Trigger trigger) {
    public DispatchRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(eventTypeId, "eventTypeId");
        Objects.requireNonNull(payloadJson, "payloadJson");
        headers = headers == null ? List.of() : List.copyOf(headers);
        trigger = trigger == null ? Trigger.EVENT : trigger;
    }
}
