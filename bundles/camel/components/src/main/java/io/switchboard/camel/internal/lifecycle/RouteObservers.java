package io.switchboard.camel.internal.lifecycle;

import io.switchboard.camel.api.RouteObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whiteboard of {@link RouteObserver}s, and the event notifier every CamelContext of event sources gets: it hears
 * only of exchanges completed or failed (Camel fires one of the two as an exchange's unit of work ends) and tells the
 * observers. With none registered it returns at once.
 */
@Component(service = RouteObservers.class)
public final class RouteObservers {

    private static final Logger LOG = LoggerFactory.getLogger(RouteObservers.class);

    private final List<RouteObserver> observers = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addObserver(RouteObserver observer) {
        observers.add(observer);
    }

    void removeObserver(RouteObserver observer) {
        observers.remove(observer);
    }

    /** A new notifier for one CamelContext (Camel starts and stops it with the context). */
    EventNotifierSupport notifier() {
        EventNotifierSupport notifier = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeEvent exchangeEvent) {
                    tell(exchangeEvent.getExchange(), event instanceof CamelEvent.ExchangeFailedEvent);
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return !observers.isEmpty()
                        && (event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent);
            }
        };
        notifier.setIgnoreCamelContextEvents(true);
        notifier.setIgnoreRouteEvents(true);
        notifier.setIgnoreServiceEvents(true);
        notifier.setIgnoreExchangeCreatedEvent(true);
        notifier.setIgnoreExchangeSendingEvents(true);
        notifier.setIgnoreExchangeSentEvents(true);
        notifier.setIgnoreExchangeRedeliveryEvents(true);
        notifier.setIgnoreStepEvents(true);
        return notifier;
    }

    void tell(Exchange exchange, boolean failed) {
        String routeId = exchange.getFromRouteId();
        if (routeId == null) {
            return; // made by a producer template outside any route: nothing an event source routes
        }
        String context = exchange.getContext().getName();
        long nanos = exchange.getClock().elapsed() * 1_000_000L;
        for (RouteObserver observer : observers) {
            try {
                observer.exchangeCompleted(context, routeId, failed, nanos);
            } catch (RuntimeException e) {
                LOG.warn("Route observer {} failed: {}", observer.getClass().getName(), e.toString());
            }
        }
    }
}
