package io.switchboard.source.testkit.internal;

import io.switchboard.camel.internal.event.EventComponent;
import io.switchboard.camel.internal.results.EventResultsComponent;
import io.switchboard.camel.internal.webhook.WebhookComponent;
import io.switchboard.camel.internal.webhook.WebhookRegistry;
import io.switchboard.core.api.dispatch.EventDispatcher;
import io.switchboard.core.api.dispatch.SettledEventListener;
import java.util.Map;
import org.apache.camel.Component;

/** Switchboard's Camel components for the contract tests (the test kit runs on the class path, where internals are visible). */
public final class Components {

    private Components() {
    }

    public static Component webhook() {
        return new WebhookComponent(new WebhookRegistry());
    }

    public static Component event(EventDispatcher dispatcher) {
        return new EventComponent(dispatcher);
    }

    /** {@code event-results:} whose listeners land in the map by event type. */
    public static Component eventResults(Map<String, SettledEventListener> listeners) {
        return new EventResultsComponent((eventTypeId, listener) -> {
            listeners.put(eventTypeId, listener);
            return () -> listeners.remove(eventTypeId, listener);
        });
    }
}
