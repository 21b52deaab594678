package io.switchboard.api.http.internal.routing;

import java.util.Map;
import java.util.Set;

/** What the router found for a request: a handler, a path known under other methods only, or nothing. */
public sealed interface RouteMatch {

    /** The path variables of the match ({@code account}, {@code id}, ...); empty when nothing matched. */
    Map<String, String> variables();

    /** A route answers this method and path. */
    record Found(Route route, Map<String, String> variables) implements RouteMatch {
    }

    /** The path exists, but not for this method; {@code allowed} lists the methods it has, sorted. */
    record MethodNotAllowed(Set<String> allowed, Map<String, String> variables) implements RouteMatch {
    }

    /** No route has this path. */
    record NotFound() implements RouteMatch {
        @Override
        public Map<String, String> variables() {
            return Map.of();
        }
    }
}
