package io.switchboard.api.http.internal.web;

import io.switchboard.core.api.dispatch.FieldError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem detail plus the HTTP headers that belong with it.
 *
 * @param type short slug of the problem kind; rendered as {@code urn:switchboard:problem:<type>}
 * @param title summary of the problem kind, the same for every occurrence
 * @param status HTTP status
 * @param detail what went wrong this time and what to do about it
 * @param errors field errors (JSON pointers into the request body, or query parameter names)
 * @param extensions further members, e.g. the limit and holders of a full event
 * @param headers response headers such as {@code Allow} or {@code Retry-After}
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
                      Map<String, Object> extensions, Map<String, String> headers) {

    /** The URI prefix of every problem type. */
    public static final String TYPE_PREFIX = "urn:switchboard:problem:";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        errors = errors == null ? List.of() : List.copyOf(errors);
        extensions = extensions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public Problem(String type, String title, int status, String detail) {
        this(type, title, status, detail, List.of(), Map.of(), Map.of());
    }

    public String typeUri() {
        return TYPE_PREFIX + type;
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, fieldErrors, extensions, headers);
    }

    public Problem withExtensions(Map<String, Object> members) {
        return new Problem(type, title, status, detail, errors, members, headers);
    }

    public Problem withHeaders(Map<String, String> responseHeaders) {
        return new Problem(type, title, status, detail, errors, extensions, responseHeaders);
    }
}
