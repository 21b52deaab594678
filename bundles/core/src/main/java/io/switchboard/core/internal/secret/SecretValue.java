package io.switchboard.core.internal.secret;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.internal.json.Json;

import java.util.List;

/**
 * A secret's value as stored: the text that is encrypted, and whether that text is JSON (an object, array, number,
 * boolean or null) or a plain string. Strings stay plain, so secrets written before JSON values read back unchanged.
 */
record SecretValue(String text, boolean isJson) {

    static SecretValue string(String value) {
        return new SecretValue(value, false);
    }

    /** A JSON string becomes a plain string secret; any other JSON value is kept as compact JSON text. */
    static SecretValue json(String valueJson) {
        JsonNode node;
        try {
            node = valueJson == null ? null : Json.parse(valueJson);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || node.isMissingNode()) {
            throw new ValidationException("Invalid secret value", List.of(new FieldError("/value", "must be a JSON value")));
        }
        return node.isTextual() ? string(node.textValue()) : new SecretValue(Json.write(node), true);
    }

    /** The value as JSON text: a plain string quoted. */
    String asJson() {
        return isJson ? text : Json.write(text);
    }
}
