package io.switchboard.metrics.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.camel.api.RouteObserver;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The routes of event sources (their webhooks, Kafka consumers, integrators' routes): exchanges finished and failed,
 * and how long they took, per CamelContext and route. Route ids come from installed bundles, not from requests, so
 * their labels need no budget.
 */
@Component(service = RouteObserver.class)
public final class CamelRouteMetrics implements RouteObserver {

    private final MeterRegistry registry;
    /**
     * The three meters of each route, looked up once: registering through a builder per exchange builds and sorts
     * the tags and an id and looks it up in the registry, on the request thread of every webhook call.
     */
    private final ConcurrentMap<RouteKey, RouteMeters> routes = new ConcurrentHashMap<>();

    @Activate
    public CamelRouteMetrics(@Reference Meters meters) {
        this(meters.registry());
    }

    CamelRouteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void exchangeCompleted(String contextName, String routeId, boolean failed, long durationNanos) {
        RouteKey key = new RouteKey(contextName, routeId);
        RouteMeters meters = routes.get(key);
        if (meters == null) {
            meters = routes.computeIfAbsent(key, this::register);
        }
        meters.exchanges().increment();
        if (failed) {
            meters.failures().increment();
        }
        meters.duration().record(durationNanos, TimeUnit.NANOSECONDS);
    }

    private RouteMeters register(RouteKey key) {
        Counter exchanges = Counter.builder("switchboard.camel.exchanges").description("Exchanges routes of event sources finished, failed or not")
                .tag("context", key.context()).tag("route", key.route()).register(registry);
        // Registered on the first exchange of a route, so a route without failures shows 0 rather than nothing.
        Counter failures = Counter.builder("switchboard.camel.exchanges.failed")
                .description("Exchanges of routes of event sources that ended with an unhandled exception")
                .tag("context", key.context()).tag("route", key.route()).register(registry);
        Timer duration = Timer.builder("switchboard.camel.exchange.duration").description("How long exchanges of routes of event sources took")
                .tag("context", key.context()).tag("route", key.route()).register(registry);
        return new RouteMeters(exchanges, failures, duration);
    }

    private record RouteKey(String context, String route) {
    }

    private record RouteMeters(Counter exchanges, Counter failures, Timer duration) {
    }
}
