package io.switchboard.camel.internal.lifecycle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The CamelContext of one contributing bundle and the routes each of its RoutesBuilder services added. */
final class BundleRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(BundleRoutes.class);

    private final CamelContext context;
    private final Map<RoutesBuilder, List<String>> routeIds = new HashMap<>();

    BundleRoutes(CamelContext context) {
        this.context = context;
    }

    CamelContext context() {
        return context;
    }

    /** Adds and starts the builder's routes. */
    void add(RoutesBuilder builder) throws Exception {
        Set<String> before = ids();
        withCamelClassLoader(() -> context.addRoutes(builder));
        List<String> added = new ArrayList<>(ids());
        added.removeAll(before);
        routeIds.put(builder, added);
        LOG.info("Started routes {} in {}", added, context.getName());
    }

    /** Stops the builder's routes, letting in-flight exchanges finish, and removes them. */
    void remove(RoutesBuilder builder) throws Exception {
        List<String> ids = routeIds.remove(builder);
        if (ids == null) {
            return;
        }
        for (String id : ids) {
            context.getRouteController().stopRoute(id);
            context.removeRoute(id);
        }
        LOG.info("Stopped routes {} in {}", ids, context.getName());
    }

    boolean contains(RoutesBuilder builder) {
        return routeIds.containsKey(builder);
    }

    boolean isEmpty() {
        return routeIds.isEmpty();
    }

    private Set<String> ids() {
        Set<String> ids = new HashSet<>();
        for (Route route : context.getRoutes()) {
            ids.add(route.getRouteId());
        }
        return ids;
    }

    /** Camel loads its factories through the thread's context class loader too: make it the runtime bundle's. */
    static void withCamelClassLoader(CamelWork work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(CamelContext.class.getClassLoader());
        try {
            work.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A step that talks to Camel. */
    @FunctionalInterface
    interface CamelWork {
        void run() throws Exception;
    }
}
