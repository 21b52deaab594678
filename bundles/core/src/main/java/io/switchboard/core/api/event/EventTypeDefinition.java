package io.switchboard.core.api.event;

import java.util.Objects;

/**
 * Describes one event type of the catalogue (what an event-source bundle's {@code event-types/<id>/} folder says).
 *
 * @param id stable identifier (LivePerson's where one exists), e.g. {@code controllerbot_messaging_conversation_end}
 * @param displayName name shown to users
 * @param description what happens when the event fires
 * @param source the event-source family that raises it, e.g. {@code System Messages}
 * @param defaultFunctionLimit how many productive functions an account may bind to it (per skill where skills apply)
 * @param supportsSkills whether functions may be restricted to skills and the limit counts per skill; the skill of an
 *        event is given by its caller ({@code ?skillId=}), never read from the payload
 * @param mode synchronous (caller waits) or asynchronous (accepted, settled in the background)
 * @param selection which productive functions run for one event
 * @param retries how often an asynchronous event retries a failed function before the event is dead-lettered
 * @param delivery how results are normalised and combined into the caller's answer or delivery
 * @param payloadSchema JSON Schema (draft 2020-12) of the payload, as JSON text
 * @param samplePayload a realistic payload, as JSON text, valid against {@code payloadSchema}
 * @param resultSchema JSON Schema a function's result must meet for this event, as JSON text ({@code {}}: anything)
 * @param webhookPath HTTP path under which the event's source accepts it, e.g. {@code /events/system-messages/conversation-end};
 *        {@code {commandName}} and {@code {botId}} stand for a path segment, or null when the type has no webhook
 */
public record EventTypeDefinition(
        String id,
        String displayName,
        String description,
        String source,
        int defaultFunctionLimit,
        boolean supportsSkills,
        InvocationMode mode,
        EventSelection selection,
        int retries,
        ResultDelivery delivery,
        String payloadSchema,
        String samplePayload,
        String resultSchema,
        String webhookPath) {

    /** The path variable of a {@link EventSelection#COMMAND} type's webhook that names the command. */
    public static final String COMMAND_NAME = "commandName";
    /** The path variable of a {@link EventSelection#BOT} type's webhook that names the bot. */
    public static final String BOT_ID = "botId";

    public EventTypeDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(payloadSchema, "payloadSchema");
        Objects.requireNonNull(samplePayload, "samplePayload");
        if (id.isBlank()) {
            throw new IllegalArgumentException("event type id must not be blank");
        }
        if (defaultFunctionLimit < 0) {
            throw new IllegalArgumentException("defaultFunctionLimit of " + id + " must be >= 0, was " + defaultFunctionLimit);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries of " + id + " must be >= 0, was " + retries);
        }
        if (supportsSkills && selection != EventSelection.SKILL) {
            throw new IllegalArgumentException("event type " + id + " supports skills, so its selection must be SKILL, not " + selection);
        }
        if (mode == InvocationMode.ASYNC && (selection == EventSelection.COMMAND || selection == EventSelection.BOT)) {
            throw new IllegalArgumentException("event type " + id + " selects by " + selection
                    + ": its caller waits for the one function, so its mode must be SYNC");
        }
        description = description == null ? "" : description;
        resultSchema = resultSchema == null || resultSchema.isBlank() ? "{}" : resultSchema;
    }

    /** Whether one event runs exactly one function (a command or a bot hook) rather than a set. */
    public boolean selectsOneFunction() {
        return selection == EventSelection.COMMAND || selection == EventSelection.BOT;
    }
}
