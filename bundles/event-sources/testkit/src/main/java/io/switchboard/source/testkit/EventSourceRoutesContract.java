package io.switchboard.source.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.camel.api.EventSourceRoutes;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.SettledEventListener;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.InvocationMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Checks a family's routes the way the platform runs them: started in a CamelContext with Switchboard's components
 * (the core's dispatcher and listener whiteboard left out), every type of the bundle has its webhook route, and every
 * asynchronous one its result route listening for exactly its type.
 */
public final class EventSourceRoutesContract {

    private EventSourceRoutesContract() {
    }

    /** Starts the routes, checks them, stops them; returns the route ids. */
    public static List<String> assertEveryTypeHasItsRoutes(EventSourceRoutes routes, boolean withCallbacks) throws Exception {
        Map<String, SettledEventListener> listeners = new ConcurrentHashMap<>();
        CamelContext camel = new DefaultCamelContext();
        camel.addComponent("webhook", io.switchboard.source.testkit.internal.Components.webhook());
        camel.addComponent("event", io.switchboard.source.testkit.internal.Components.event(request ->
                new DispatchResult("e", InvocationMode.ASYNC, List.of())));
        camel.addComponent("event-results", io.switchboard.source.testkit.internal.Components.eventResults(listeners));
        camel.addRoutes(routes);
        camel.start();
        try {
            List<String> ids = new ArrayList<>(camel.getRoutes().stream().map(Route::getRouteId).toList());
            for (EventTypeDefinition type : routes.types()) {
                if (type.webhookPath() != null) {
                    assertThat(ids).as("webhook route of %s", type.id()).contains(type.id());
                }
                if (type.mode() == InvocationMode.ASYNC && withCallbacks) {
                    assertThat(ids).as("result route of %s", type.id()).contains(type.id() + "-results");
                    assertThat(listeners).as("listener of %s", type.id()).containsKey(type.id());
                }
            }
            return ids;
        } finally {
            camel.stop();
        }
    }
}
