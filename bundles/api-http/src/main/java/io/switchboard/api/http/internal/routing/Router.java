package io.switchboard.api.http.internal.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Maps a method and a path to the route that answers it; immutable once built. */
public final class Router {
    private final List<Route> routes;

    private Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every route as {@code METHOD /template}, in the order they were added (what the OpenAPI description must list). */
    public List<String> operations() {
        return routes.stream().map(route -> route.method() + " " + route.path()).toList();
    }

    public RouteMatch match(String method, String path) {
        Set<String> allowed = new TreeSet<>();
        Map<String, String> pathVariables = null;
        for (Route route : routes) {
            Optional<Map<String, String>> variables = route.path().match(path);
            if (variables.isEmpty()) {
                continue;
            }
            if (route.method().equals(method)) {
                return new RouteMatch.Found(route, variables.get());
            }
            allowed.add(route.method());
            pathVariables = variables.get();
        }
        return allowed.isEmpty() ? new RouteMatch.NotFound() : new RouteMatch.MethodNotAllowed(Collections.unmodifiableSet(allowed), pathVariables);
    }

    /** Collects routes; refuses a second route for the same method and template. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        private Builder() {
        }

        public Builder get(String template, Handler handler) {
            return add("GET", template, handler);
        }

        public Builder post(String template, Handler handler) {
            return add("POST", template, handler);
        }

        public Builder put(String template, Handler handler) {
            return add("PUT", template, handler);
        }

        public Builder delete(String template, Handler handler) {
            return add("DELETE", template, handler);
        }

        public Builder add(String method, String template, Handler handler) {
            PathTemplate path = PathTemplate.of(template);
            for (Route existing : routes) {
                if (existing.method().equals(method) && existing.path().toString().equals(template)) {
                    throw new IllegalStateException("route " + method + " " + template + " is defined twice");
                }
            }
            routes.add(new Route(method, path, handler));
            return this;
        }

        public Router build() {
            return new Router(routes);
        }
    }
}
