package io.switchboard.api.http.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.api.dispatch.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The input of an invocation or event, {@code {"headers": [...], "payload": {...}}}. Headers may be a list
 * of {@code {key, value}} or an object of names to values, as LivePerson callers send either.
 *
 * @param payload the payload (any JSON value)
 * @param headers the caller's headers in order
 */
public record Envelope(JsonNode payload, List<Header> headers) {

    private static final Set<String> FIELDS = Set.of("headers", "payload");

    /**
     * Reads an envelope.
     *
     * @param payloadRequired whether a missing payload is an error; otherwise it defaults to {@code {}}
     */
    public static Envelope read(ObjectNode body, boolean payloadRequired, Json json) {
        FieldReader fields = new FieldReader(body, FIELDS);
        JsonNode payload = fields.optionalNode("payload");
        if (payload == null && payloadRequired) {
            fields.reject("/payload", "is required");
        }
        List<Header> headers = headers(fields.optionalNode("headers"), fields);
        fields.throwIfInvalid("The request");
        return new Envelope(payload == null ? json.object() : payload, headers);
    }

    private static List<Header> headers(JsonNode node, FieldReader fields) {
        List<Header> headers = new ArrayList<>();
        if (node == null || node.isNull()) {
            return headers;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    headers.add(new Header(e.getKey(), e.getValue().asText()));
                } else {
                    fields.reject("/headers/" + e.getKey().replace("~", "~0").replace("/", "~1"), "must be a string");
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                JsonNode key = item.get("key");
                JsonNode value = item.get("value");
                if (!item.isObject() || key == null || !key.isTextual() || key.textValue().isEmpty()) {
                    fields.reject("/headers/" + i, "must be an object {\"key\": \"...\", \"value\": \"...\"} with a non-empty key");
                } else if (value != null && !value.isNull() && !value.isValueNode()) {
                    fields.reject("/headers/" + i + "/value", "must be a string");
                } else {
                    headers.add(new Header(key.textValue(), value == null || value.isNull() ? "" : value.asText()));
                }
            }
        } else {
            fields.reject("/headers", "must be a list of {key, value} objects or an object of header names to values");
        }
        return headers;
    }
}
