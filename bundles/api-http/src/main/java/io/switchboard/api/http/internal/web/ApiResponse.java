package io.switchboard.api.http.internal.web;

import java.util.Map;

/**
 * What a handler answers: a status, a body serialised as JSON (or none) and extra headers.
 *
 * @param status HTTP status
 * @param body the object to serialise, or null for an empty body
 * @param headers extra response headers, e.g. {@code Location}
 */
public record ApiResponse(int status, Object body, Map<String, String> headers) {
    public ApiResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, Map.of());
    }

    public static ApiResponse created(String location, Object body) {
        return new ApiResponse(201, body, Map.of("Location", location));
    }

    public static ApiResponse accepted(Object body) {
        return new ApiResponse(202, body, Map.of());
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, Map.of());
    }
}
