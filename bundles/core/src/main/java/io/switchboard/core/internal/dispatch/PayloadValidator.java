package io.switchboard.core.internal.dispatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.dispatch.InvalidPayloadException;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.internal.json.Json;

/** Parses payloads and checks them against their event type's JSON Schema (draft 2020-12 unless the schema says otherwise). */
final class PayloadValidator {

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .locale(Locale.ENGLISH)
            .build();
    /** Compiled schemas by schema text: a re-registered event type with a new schema gets a new entry. */
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    /** The payload as JSON, or an exception listing every field that fails the schema. */
    JsonNode validate(EventTypeDefinition event, String payloadJson) {
        JsonNode payload = parse(payloadJson);
        Set<ValidationMessage> messages = schema(event).validate(payload);
        if (messages.isEmpty()) {
            return payload;
        }
        List<FieldError> errors = new ArrayList<>();
        for (ValidationMessage message : messages) {
            errors.add(new FieldError(pointer(message), message.getError() != null ? message.getError() : message.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
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

    private JsonSchema schema(EventTypeDefinition event) {
        return schemas.computeIfAbsent(event.payloadSchema(), text -> {
            try {
                return factory.getSchema(Json.parse(text), config);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Event type '" + event.id() + "' ships a payload schema that is not JSON", e);
            }
        });
    }

    /** The failing field; for a missing required property, the pointer of that property. */
    private static String pointer(ValidationMessage message) {
        String location = message.getInstanceLocation().toString();
        String base = "/".equals(location) ? "" : location;
        if ("required".equals(message.getType()) && message.getProperty() != null) {
            return base + "/" + message.getProperty().replace("~", "~0").replace("/", "~1");
        }
        return base;
    }
}
