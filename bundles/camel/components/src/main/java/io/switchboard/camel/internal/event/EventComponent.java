package io.switchboard.camel.internal.event;

import io.switchboard.camel.internal.AccountPath;
import io.switchboard.core.api.dispatch.EventDispatcher;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/** The {@code event:} component: raises an event through the core's {@link EventDispatcher}. */
public final class EventComponent extends DefaultComponent {

    public static final String SCHEME = "event";

    private final EventDispatcher dispatcher;

    public EventComponent(EventDispatcher dispatcher) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        EventEndpoint endpoint = new EventEndpoint(uri, this, AccountPath.parse(SCHEME, remaining));
        setProperties(endpoint, parameters);
        return endpoint;
    }

    EventDispatcher dispatcher() {
        return dispatcher;
    }
}
