package io.switchboard.core.api.dispatch;

import io.switchboard.core.api.event.InvocationMode;
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
 * @param skillId the event's skill ({@code ?skillId=} of the caller), or null: only functions without skills run
 * @param commandName the command an event of a {@code COMMAND} type names, else null
 * @param botId the bot an event of a {@code BOT} type comes from, else null
 * @param mode how to run it, or null for the type's own mode ({@code SYNC} for an asynchronous type: the caller waits
 *        for the combined result, nothing is persisted, retried or delivered)
 * @param idempotencyKey null, or what identifies the event at its source (say, a Kafka record's topic, partition and
 *        offset, at most 300 characters): the core stores it with the accepted event, and a request with a key it
 *        already stored is not run again; its answer names the event accepted first and has no outcomes
 */
public record DispatchRequest(String account, String eventTypeId, String payloadJson, List<Header> headers, Trigger trigger,
        String skillId, String commandName, String botId, InvocationMode mode, String idempotencyKey) {

    /** Longest idempotency key. */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 300;

    public DispatchRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(eventTypeId, "eventTypeId");
        Objects.requireNonNull(payloadJson, "payloadJson");
        headers = headers == null ? List.of() : List.copyOf(headers);
        trigger = trigger == null ? Trigger.EVENT : trigger;
        skillId = skillId == null || skillId.isBlank() ? null : skillId;
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw new IllegalArgumentException("An idempotency key has 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
    }

    /** An event for a skill, command or bot, without an idempotency key. */
    public DispatchRequest(String account, String eventTypeId, String payloadJson, List<Header> headers, Trigger trigger,
            String skillId, String commandName, String botId, InvocationMode mode) {
        this(account, eventTypeId, payloadJson, headers, trigger, skillId, commandName, botId, mode, null);
    }

    /** An event without skill, command or bot, in its type's mode, with an idempotency key (or null). */
    public DispatchRequest(String account, String eventTypeId, String payloadJson, List<Header> headers, Trigger trigger,
            String idempotencyKey) {
        this(account, eventTypeId, payloadJson, headers, trigger, null, null, null, null, idempotencyKey);
    }

    /** An event without skill, command, bot or idempotency key, in its type's mode: every request runs. */
    public DispatchRequest(String account, String eventTypeId, String payloadJson, List<Header> headers, Trigger trigger) {
        this(account, eventTypeId, payloadJson, headers, trigger, null, null, null, null, null);
    }
}
