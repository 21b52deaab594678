package io.switchboard.api.http.internal.routing;

import java.util.Objects;

/** One endpoint: an HTTP method and a path template answered by a handler. */
public record Route(String method, PathTemplate path, Handler handler) {
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
    }
}
