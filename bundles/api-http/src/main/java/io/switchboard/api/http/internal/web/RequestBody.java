package io.switchboard.api.http.internal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.api.http.internal.json.Json;
import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.http.api.BodyRefusedException;
import io.switchboard.http.api.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON body of a request, read on first use (after the caller was authenticated) through the platform's
 * {@link RequestBodies}: capped at the configured size while reading (a declared Content-Length is only a shortcut,
 * chunked or mis-declared bodies are counted too), within a deadline and a minimum data rate, and counted against the
 * account's share of bodies read at once.
 */
public final class RequestBody {
    private final HttpServletRequest request;
    private final long maxBytes;
    private final Json json;
    private final RequestBodies bodies;
    private final String account;
    /** Null until the body was read: it can be read only once. */
    private Optional<JsonNode> parsed;

    /**
     * @param account the account the read counts against
     */
    public RequestBody(HttpServletRequest request, long maxBytes, Json json, RequestBodies bodies, String account) {
        this.request = request;
        this.maxBytes = maxBytes;
        this.json = json;
        this.bodies = bodies;
        this.account = account;
    }

    /** The parsed body, or empty when the request has none. */
    public Optional<JsonNode> json() {
        if (parsed == null) {
            parsed = readJson();
        }
        return parsed;
    }

    /** The body, which must be a JSON object. */
    public ObjectNode requiredObject() {
        JsonNode node = json().orElseThrow(() -> new ProblemException(
                Problems.validation("A JSON object is required as the request body.", List.of(new FieldError("", "required")))));
        return asObject(node);
    }

    /** The body as a JSON object, or an empty object when the request has no body. */
    public ObjectNode objectOrEmpty() {
        return json().map(RequestBody::asObject).orElseGet(json::object);
    }

    private static ObjectNode asObject(JsonNode node) {
        if (!node.isObject()) {
            throw new ProblemException(Problems.validation("The request body must be a JSON object.",
                    List.of(new FieldError("", "must be an object, was " + node.getNodeType().name().toLowerCase(Locale.ROOT)))));
        }
        return (ObjectNode) node;
    }

    private Optional<JsonNode> readJson() {
        String contentType = request.getContentType();
        if (contentType != null && !isJson(contentType)) {
            throw new ProblemException(Problems.unsupportedMediaType(contentType));
        }
        byte[] bytes = readBounded();
        if (isBlank(bytes)) {
            return Optional.empty();
        }
        if (contentType == null) {
            throw new ProblemException(Problems.unsupportedMediaType(null));
        }
        return Optional.of(json.parseRequest(bytes));
    }

    private byte[] readBounded() {
        try {
            return bodies.read(request, account, maxBytes);
        } catch (BodyRefusedException refused) {
            throw new ProblemException(refused.refusal() == BodyRefusedException.Refusal.TOO_LARGE
                    ? Problems.payloadTooLarge(maxBytes) : Problems.bodyRefused(refused));
        } catch (IOException e) {
            throw new ProblemException(new Problem("unreadable-body", "Unreadable request body", 400,
                    "The request body could not be read: " + e.getMessage()));
        }
    }

    static boolean isJson(String contentType) {
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
