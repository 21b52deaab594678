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
 * @param idempotencyKey null, or what identifies the event at its source (say, a Kafka record's topic, partition and
 *        offset, at most 300 characters): the core stores it with the accepted event, and a request with a key it
 *        already stored is not run again; its answer names the event accepted first and has no outcomes
 */
public record DispatchRequest(String account, String eventTypeId, String payloadJson, List<Header> headers, Trigger trigger,
        String idempotencyKey) {

    /** Longest idempotency key. */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 300;

    public DispatchRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(eventTypeId, "eventTypeId");
        Objects.requireNonNull(payloadJson, "payloadJson");
        headers = headers == null ? List.of() : List.copyOf(headers);
        trigger = trigger == null ? Trigger.EVENT : trigger;
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw new IllegalArgumentException("An idempotency key has 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
    }

    /** An event without an idempotency key: every request runs. */
    public DispatchRequest(String account, String eventTypeId, String payloadJson, List<Header> headers, Trigger trigger) {
        this(account, eventTypeId, payloadJson, headers, trigger, null);
    }
}
