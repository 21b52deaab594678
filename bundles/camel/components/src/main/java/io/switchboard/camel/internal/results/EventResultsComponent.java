package io.switchboard.camel.internal.results;

import java.util.Map;
import java.util.Objects;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/** The {@code event-results:} component: settled asynchronous events, fed into routes to be delivered. */
public final class EventResultsComponent extends DefaultComponent {

    public static final String SCHEME = "event-results";

    private final ListenerRegistry registry;

    public EventResultsComponent(ListenerRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank() || remaining.contains("/")) {
            throw new IllegalArgumentException("event-results: names one event type id, e.g. event-results:controllerbot_messaging_conversation_end, not " + uri);
        }
        EventResultsEndpoint endpoint = new EventResultsEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    ListenerRegistry registry() {
        return registry;
    }
}
