package io.switchboard.metrics.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.camel.api.RouteObserver;
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

    @Activate
    public CamelRouteMetrics(@Reference Meters meters) {
        this(meters.registry());
    }

    CamelRouteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void exchangeCompleted(String contextName, String routeId, boolean failed, long durationNanos) {
        Counter.builder("switchboard.camel.exchanges").description("Exchanges routes of event sources finished, failed or not")
                .tag("context", contextName).tag("route", routeId).register(registry).increment();
        // Registered on the first exchange of a route, so a route without failures shows 0 rather than nothing.
        Counter failures = Counter.builder("switchboard.camel.exchanges.failed")
                .description("Exchanges of routes of event sources that ended with an unhandled exception")
                .tag("context", contextName).tag("route", routeId).register(registry);
        if (failed) {
            failures.increment();
        }
        Timer.builder("switchboard.camel.exchange.duration").description("How long exchanges of routes of event sources took")
                .tag("context", contextName).tag("route", routeId).register(registry).record(durationNanos, TimeUnit.NANOSECONDS);
    }
}
