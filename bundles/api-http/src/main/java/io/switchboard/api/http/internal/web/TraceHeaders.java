package io.switchboard.api.http.internal.web;

import io.switchboard.core.api.dispatch.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * W3C trace context on the API: a {@code traceparent} HTTP header of the call joins the headers handed to the function
 * (unless the body's envelope names one itself), where the core reads it; a malformed one is ignored there and a new
 * trace started.
 */
public final class TraceHeaders {

    /** The W3C header's name. */
    public static final String TRACEPARENT = "traceparent";

    private TraceHeaders() {
    }

    public static List<Header> withCallers(ApiRequest request, List<Header> headers) {
        return request.header(TRACEPARENT).filter(value -> !value.isBlank())
                .filter(value -> headers.stream().noneMatch(h -> h.key().toLowerCase(Locale.ROOT).equals(TRACEPARENT)))
                .map(value -> {
                    List<Header> with = new ArrayList<>(headers);
                    with.add(new Header(TRACEPARENT, value));
                    return (List<Header>) with;
                })
                .orElse(headers);
    }
}
