package io.switchboard.camel.internal.lifecycle;

import io.switchboard.camel.internal.event.EventComponent;
import io.switchboard.camel.internal.function.FunctionComponent;
import io.switchboard.camel.internal.results.EventResultsComponent;
import io.switchboard.camel.internal.results.ListenerRegistry;
import io.switchboard.camel.internal.results.ServiceListenerRegistry;
import io.switchboard.camel.internal.webhook.WebhookComponent;
import io.switchboard.camel.internal.webhook.WebhookRegistry;
import io.switchboard.core.api.dispatch.EventDispatcher;
import io.switchboard.core.api.dispatch.FunctionInvoker;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.DefaultErrorHandlerBuilder;
import org.apache.camel.builder.NoErrorHandlerBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the Camel lifecycle of event sources: every bundle that registers {@link RoutesBuilder} services gets one
 * CamelContext (with the {@code function:}, {@code event:}, {@code webhook:} and {@code event-results:} components), started when its first
 * builder appears and stopped gracefully, in-flight exchanges finishing, when its last one goes.
 *
 * <p>It is also the {@code camel-routes} health check (a {@code Supplier} of problems, which {@code GET /health}
 * reports): routes that could not start are listed there until their builder goes away or starts.
 */
@Component(configurationPid = CamelRoutesRunner.PID, service = Supplier.class, immediate = true,
        // A warning: an integrator's broken routes make that source degraded, not the node down (the others serve on).
        property = {CamelRoutesRunner.HEALTH_CHECK + "=camel-routes", "switchboard.health.severity=warning"})
@Designate(ocd = CamelConfiguration.class)
public final class CamelRoutesRunner implements Supplier<List<String>> {

    public static final String PID = "io.switchboard.camel";
    /** The service property the health bundle finds its checks by. */
    static final String HEALTH_CHECK = "switchboard.health.check";

    private static final Logger LOG = LoggerFactory.getLogger(CamelRoutesRunner.class);

    private final CamelContextFactory factory;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Bundle, BundleRoutes> bundles = new HashMap<>();
    private final Map<RoutesBuilder, Bundle> pending = new HashMap<>();
    /** Why a builder's routes could not start, by builder, in the order they failed. */
    private final Map<RoutesBuilder, String> failures = new LinkedHashMap<>();
    private boolean active;

    @Activate
    public CamelRoutesRunner(@Reference FunctionInvoker invoker, @Reference EventDispatcher dispatcher,
            @Reference WebhookRegistry registry, @Reference RouteObservers routeObservers, CamelConfiguration config) {
        this.factory = new CamelContextFactory(invoker, dispatcher, registry, config, routeObservers);
    }

    @Activate
    void activate() {
        lock.lock();
        try {
            active = true;
            Map<RoutesBuilder, Bundle> waiting = new HashMap<>(pending);
            pending.clear();
            waiting.forEach(this::start);
        } finally {
            lock.unlock();
        }
    }

    @Reference(service = RoutesBuilder.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindRoutesBuilder(RoutesBuilder builder, ServiceReference<RoutesBuilder> reference) {
        lock.lock();
        try {
            if (active) {
                start(builder, reference.getBundle());
            } else {
                pending.put(builder, reference.getBundle());
            }
        } finally {
            lock.unlock();
        }
    }

    void unbindRoutesBuilder(RoutesBuilder builder, ServiceReference<RoutesBuilder> reference) {
        lock.lock();
        try {
            pending.remove(builder);
            failures.remove(builder);
            Bundle bundle = reference.getBundle();
            BundleRoutes routes = bundle == null ? findOwner(builder) : bundles.get(bundle);
            if (routes == null) {
                return;
            }
            routes.remove(builder);
            if (routes.isEmpty()) {
                bundles.values().remove(routes);
                stop(routes);
            }
        } catch (Exception e) {
            LOG.error("Could not stop the routes of {} cleanly", builder.getClass().getName(), e);
        } finally {
            lock.unlock();
        }
    }

    @Deactivate
    void deactivate() {
        lock.lock();
        try {
            active = false;
            bundles.values().forEach(this::stop);
            bundles.clear();
            failures.clear();
        } finally {
            lock.unlock();
        }
    }

    private void start(RoutesBuilder builder, Bundle bundle) {
        BundleRoutes routes = bundles.get(bundle);
        try {
            if (routes == null) {
                routes = new BundleRoutes(factory.create(bundle.getSymbolicName() + "-" + bundle.getBundleId(),
                        new ServiceListenerRegistry(bundle)));
                bundles.put(bundle, routes);
            }
            routes.add(builder);
            failures.remove(builder);
        } catch (Exception e) {
            // The bundle's routes are wrong (bad URI, path taken): say which and leave the other bundles running.
            LOG.error("Routes of bundle {} ({}) could not start: {}", bundle.getSymbolicName(), builder.getClass().getName(),
                    e.getMessage(), e);
            failures.put(builder, "routes of bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " ("
                    + builder.getClass().getName() + ") could not start: " + e.getMessage());
            if (routes != null && routes.isEmpty()) {
                bundles.remove(bundle);
                stop(routes);
            }
        }
    }

    /** The health check: one line per builder whose routes could not start; empty when all run. */
    @Override
    public List<String> get() {
        lock.lock();
        try {
            return List.copyOf(failures.values());
        } finally {
            lock.unlock();
        }
    }

    /** The running CamelContext of a bundle, if it contributes routes. */
    Optional<CamelContext> contextOf(Bundle bundle) {
        lock.lock();
        try {
            return Optional.ofNullable(bundles.get(bundle)).map(BundleRoutes::context);
        } finally {
            lock.unlock();
        }
    }

    private BundleRoutes findOwner(RoutesBuilder builder) {
        return bundles.values().stream().filter(r -> r.contains(builder)).findFirst().orElse(null);
    }

    private void stop(BundleRoutes routes) {
        CamelContext context = routes.context();
        try {
            BundleRoutes.withCamelClassLoader(context::stop);
            LOG.info("Stopped {}", context.getName());
        } catch (Exception e) {
            LOG.error("CamelContext {} did not stop cleanly", context.getName(), e);
        }
    }

    /** Builds the CamelContexts: same components and error handling for every bundle. */
    static final class CamelContextFactory {
        private final FunctionInvoker invoker;
        private final EventDispatcher dispatcher;
        private final WebhookRegistry registry;
        private final CamelConfiguration config;
        private final RouteObservers routeObservers;

        CamelContextFactory(FunctionInvoker invoker, EventDispatcher dispatcher, WebhookRegistry registry, CamelConfiguration config,
                RouteObservers routeObservers) {
            this.routeObservers = routeObservers;
            this.invoker = invoker;
            this.dispatcher = dispatcher;
            this.registry = registry;
            this.config = config;
        }

        /** @param listeners where the context's {@code event-results:} consumers listen (the contributing bundle's registry) */
        CamelContext create(String name, ListenerRegistry listeners) throws Exception {
            DefaultCamelContext context = new DefaultCamelContext();
            context.getCamelContextExtension().setName("switchboard-" + name);
            context.setApplicationContextClassLoader(CamelContext.class.getClassLoader());
            context.getShutdownStrategy().setTimeout(config.shutdownTimeoutSeconds());
            context.getShutdownStrategy().setLogInflightExchangesOnTimeout(true);
            context.addComponent(FunctionComponent.SCHEME, new FunctionComponent(invoker));
            context.addComponent(EventComponent.SCHEME, new EventComponent(dispatcher));
            context.addComponent(WebhookComponent.SCHEME, new WebhookComponent(registry));
            context.addComponent(EventResultsComponent.SCHEME, new EventResultsComponent(listeners));
            context.getCamelContextExtension().setErrorHandlerFactory(config.errorHandling() == CamelConfiguration.ErrorHandling.NONE
                    ? new NoErrorHandlerBuilder()
                    // The webhook is the boundary that logs (and answers) a failed exchange: Camel stays quiet about it.
                    : new DefaultErrorHandlerBuilder().maximumRedeliveries(config.maximumRedeliveries())
                            .redeliveryDelay(config.redeliveryDelayMs()).logExhausted(false));
            // Before start: Camel decides then whether exchange events are fired at all.
            context.getManagementStrategy().addEventNotifier(routeObservers.notifier());
            BundleRoutes.withCamelClassLoader(context::start);
            return context;
        }
    }
}
