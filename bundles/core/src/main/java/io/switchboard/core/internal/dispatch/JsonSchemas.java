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
import io.switchboard.core.internal.json.Json;

/** JSON Schemas (draft 2020-12 unless a schema says otherwise) compiled once per schema text, and checking documents against them. */
final class JsonSchemas {

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .locale(Locale.ENGLISH)
            .build();
    /** Compiled schemas by schema text: a re-registered event type with a new schema gets a new entry. */
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    /**
     * Every way the document fails the schema, sorted by pointer; empty when it matches.
     *
     * @param eventTypeId the event type that ships the schema, for the error when it is not JSON
     */
    List<FieldError> check(String schemaText, JsonNode document, String eventTypeId) {
        Set<ValidationMessage> messages = schema(schemaText, eventTypeId).validate(document);
        if (messages.isEmpty()) {
            return List.of();
        }
        List<FieldError> errors = new ArrayList<>();
        for (ValidationMessage message : messages) {
            errors.add(new FieldError(pointer(message), message.getError() != null ? message.getError() : message.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return errors;
    }

    private JsonSchema schema(String text, String eventTypeId) {
        return schemas.computeIfAbsent(text, t -> {
            try {
                return factory.getSchema(Json.parse(t), config);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Event type '" + eventTypeId + "' ships a schema that is not JSON", e);
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
