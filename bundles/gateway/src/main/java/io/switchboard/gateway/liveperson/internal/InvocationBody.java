package io.switchboard.gateway.liveperson.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.api.dispatch.Header;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * LivePerson's invocation body {@code {"timestamp": <unix ms>, "headers": [{"key", "value"}], "payload": <any JSON>}}
 * (faas-client-node's {@code InvocationDomain}, faas-client-jdk's {@code FaaSInvocation}). {@code timestamp} and
 * {@code headers} are optional; a missing payload is {@code {}}. Anything else is {@code badinput} naming the field.
 *
 * @param payloadJson the payload as JSON text
 * @param headers the headers for the function's {@code input.headers}
 */
record InvocationBody(String payloadJson, List<Header> headers) {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final String TRACEPARENT = "traceparent";
    private static final Set<String> FIELDS = Set.of("timestamp", "headers", "payload");

    /**
     * The body with the call's W3C {@code traceparent} HTTP header (if any) among its headers, unless the body names
     * one itself: the core reads it from there (a malformed one is ignored and a new trace started).
     */
    InvocationBody withTraceParent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()
                || headers.stream().anyMatch(h -> h.key().equalsIgnoreCase(TRACEPARENT))) {
            return this;
        }
        List<Header> with = new ArrayList<>(headers);
        with.add(new Header(TRACEPARENT, traceparent));
        return new InvocationBody(payloadJson, with);
    }

    static InvocationBody parse(byte[] body) {
        JsonNode root;
        try {
            root = body.length == 0 ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw GatewayError.badInput("The body is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw GatewayError.badInput("The body cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw GatewayError.badInput("The body is {\"timestamp\", \"headers\": [{\"key\", \"value\"}], \"payload\"}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw GatewayError.badInput("/" + name + ": unknown field; the body has timestamp, headers and payload");
            }
        }
        JsonNode timestamp = root.get("timestamp");
        if (timestamp != null && !timestamp.isNull() && !timestamp.isNumber()) {
            throw GatewayError.badInput("/timestamp: must be a number (unix time in milliseconds), not " + timestamp);
        }
        JsonNode payload = root.get("payload");
        return new InvocationBody(payload == null ? "{}" : payload.toString(), headers(root.get("headers")));
    }

    private static List<Header> headers(JsonNode node) {
        List<Header> headers = new ArrayList<>();
        if (node == null || node.isNull()) {
            return headers;
        }
        if (!node.isArray()) {
            throw GatewayError.badInput("/headers: must be a list of {\"key\", \"value\"}");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            JsonNode key = item.get("key");
            JsonNode value = item.get("value");
            if (!item.isObject() || key == null || !key.isTextual() || key.asText().isEmpty()) {
                throw GatewayError.badInput("/headers/" + i + ": must be {\"key\": \"...\", \"value\": \"...\"} with a non-empty key");
            }
            if (value != null && !value.isNull() && !value.isValueNode()) {
                throw GatewayError.badInput("/headers/" + i + "/value: must be a string");
            }
            headers.add(new Header(key.asText(), value == null || value.isNull() ? "" : value.asText()));
        }
        return headers;
    }
}
