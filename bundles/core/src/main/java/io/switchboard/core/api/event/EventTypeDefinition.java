package io.switchboard.core.api.event;

import java.util.Objects;

/**
 * Describes one event type of the catalogue.
 *
 * @param id stable identifier (LivePerson's where one exists), e.g. {@code messaging_conversation_end}
 * @param displayName name shown to users
 * @param description what happens when the event fires
 * @param source the event-source family that raises it, e.g. {@code System Messages}
 * @param defaultFunctionLimit how many productive functions an account may bind to it (per skill where skills apply)
 * @param supportsSkills whether functions may be restricted to skills and the limit counts per skill
 * @param skillPointer JSON pointer to the skill id inside the payload (only when {@code supportsSkills}), e.g. {@code /skillId}
 * @param mode synchronous (caller waits) or asynchronous
 * @param payloadSchema JSON Schema (draft 2020-12) of the payload, as JSON text
 * @param samplePayload a realistic payload, as JSON text, valid against {@code payloadSchema}
 * @param resultShape JSON Schema of the result a function returns for this event, as JSON text
 * @param webhookPath HTTP path under which the event's source accepts it, e.g. {@code /events/system-messages/conversation-end}
 */
public record EventTypeDefinition(
        String id,
        String displayName,
        String description,
        String source,
        int defaultFunctionLimit,
        boolean supportsSkills,
        String skillPointer,
        InvocationMode mode,
        String payloadSchema,
        String samplePayload,
        String resultShape,
        String webhookPath) {

    public EventTypeDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(payloadSchema, "payloadSchema");
        Objects.requireNonNull(samplePayload, "samplePayload");
        if (id.isBlank()) {
            throw new IllegalArgumentException("event type id must not be blank");
        }
        if (defaultFunctionLimit < 0) {
            throw new IllegalArgumentException("defaultFunctionLimit of " + id + " must be >= 0, was " + defaultFunctionLimit);
        }
        if (supportsSkills && (skillPointer == null || !skillPointer.startsWith("/"))) {
            throw new IllegalArgumentException("event type " + id + " supports skills and needs a JSON pointer to the skill, e.g. /skillId");
        }
        description = description == null ? "" : description;
        resultShape = resultShape == null ? "{}" : resultShape;
    }
}
