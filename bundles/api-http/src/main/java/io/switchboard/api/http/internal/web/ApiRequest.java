package io.switchboard.api.http.internal.web;

import io.switchboard.core.api.security.Caller;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A routed, authenticated request as handlers see it: path variables, query parameters, caller and body. */
public final class ApiRequest {
    private final String basePath;
    private final Map<String, String> pathVariables;
    private final Map<String, String> query;
    private final Caller caller;
    private final RequestBody body;
    private final java.util.function.UnaryOperator<String> headers;

    /**
     * @param basePath the path the API is served under, e.g. {@code /api/v1}
     * @param pathVariables the variables of the matched route
     * @param queryString the raw query string, or null
     * @param caller the authenticated caller
     * @param body the request body, read on demand
     */
    public ApiRequest(String basePath, Map<String, String> pathVariables, String queryString, Caller caller, RequestBody body) {
        this(basePath, pathVariables, queryString, caller, body, name -> null);
    }

    /** @param headers a request header's first value by name, or null */
    public ApiRequest(String basePath, Map<String, String> pathVariables, String queryString, Caller caller, RequestBody body,
            java.util.function.UnaryOperator<String> headers) {
        this.headers = headers;
        this.basePath = basePath;
        this.pathVariables = Map.copyOf(pathVariables);
        this.query = parseQuery(queryString);
        this.caller = caller;
        this.body = body;
    }

    /** A variable of the matched path template; the route guarantees it is present. */
    public String path(String name) {
        String value = pathVariables.get(name);
        if (value == null) {
            throw new IllegalStateException("the matched route has no path variable '" + name + "'");
        }
        return value;
    }

    /** The first value of a query parameter. */
    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** The names of the query parameters sent, in order. */
    public java.util.Set<String> queryNames() {
        return java.util.Collections.unmodifiableSet(query.keySet());
    }

    /** The first value of a request header. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.apply(name));
    }

    /** The absolute path of an API resource, for {@code Location} headers. */
    public String location(String relativePath) {
        return basePath + relativePath;
    }

    public Caller caller() {
        return caller;
    }

    public RequestBody body() {
        return body;
    }

    // Parsed here rather than with getParameter(), which would consume a form-encoded body.
    private static Map<String, String> parseQuery(String queryString) {
        Map<String, String> values = new LinkedHashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return values;
        }
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            values.putIfAbsent(key, value);
        }
        return values;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.validation(text, "is not a valid URL-encoded query parameter"));
        }
    }
}
