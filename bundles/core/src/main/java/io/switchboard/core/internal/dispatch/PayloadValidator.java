package io.switchboard.core.internal.dispatch;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.dispatch.InvalidPayloadException;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.internal.json.Json;

/** Parses payloads and checks them against their event type's JSON Schema. */
final class PayloadValidator {

    private final JsonSchemas schemas;

    PayloadValidator(JsonSchemas schemas) {
        this.schemas = schemas;
    }

    /** The payload as JSON, or an exception listing every field that fails the schema. */
    JsonNode validate(EventTypeDefinition event, String payloadJson) {
        JsonNode payload = parse(payloadJson);
        List<FieldError> errors = schemas.check(event.payloadSchema(), payload, event.id());
        if (errors.isEmpty()) {
            return payload;
        }
        throw new InvalidPayloadException("Payload does not match the schema of event '" + event.id() + "': "
                + errors.size() + " field error(s)", errors);
    }

    /** Parses JSON text; malformed text is an {@link InvalidPayloadException} naming the position. */
    static JsonNode parse(String payloadJson) {
        try {
            JsonNode node = Json.parse(payloadJson);
            if (node == null || node.isMissingNode()) {
                throw new InvalidPayloadException("Payload is empty; send a JSON document", List.of(new FieldError("", "empty document")));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException("Payload is not JSON: " + e.getOriginalMessage(),
                    List.of(new FieldError("", "not JSON: " + e.getOriginalMessage())));
        }
    }
}
