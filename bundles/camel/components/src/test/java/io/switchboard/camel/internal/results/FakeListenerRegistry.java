package io.switchboard.camel.internal.results;

import io.switchboard.core.api.dispatch.FunctionRun;
import io.switchboard.core.api.dispatch.SettledEvent;
import io.switchboard.core.api.dispatch.SettledEventListener;
import io.switchboard.core.api.event.ResultDelivery;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The core's listener whiteboard, for tests: one listener per event type, told by the test. */
public final class FakeListenerRegistry implements ListenerRegistry {

    public final Map<String, SettledEventListener> listeners = new ConcurrentHashMap<>();

    @Override
    public Registration register(String eventTypeId, SettledEventListener listener) {
        if (listeners.putIfAbsent(eventTypeId, listener) != null) {
            throw new IllegalStateException("a listener for " + eventTypeId + " is registered already");
        }
        return () -> listeners.remove(eventTypeId, listener);
    }

    /** Tells the type's listener, as the core's worker would. */
    public void tell(String eventTypeId, SettledEvent event) {
        SettledEventListener listener = listeners.get(eventTypeId);
        if (listener == null) {
            throw new IllegalStateException("no listener for " + eventTypeId);
        }
        listener.eventSettled(event);
    }

    /** A settled event whose functions all returned valid results; {@code resultJson} is the combined result. */
    public static SettledEvent delivered(String account, String eventTypeId, String eventId, String resultJson) {
        return new SettledEvent(eventId, account, eventTypeId, "1788830770", ResultDelivery.COMMANDS, true, resultJson,
                List.of(new FunctionRun("fn-1", "on-end", 3)));
    }

    /** A settled event one of whose functions still failed after its retries. */
    public static SettledEvent deadLettered(String account, String eventTypeId, String eventId) {
        return new SettledEvent(eventId, account, eventTypeId, null, ResultDelivery.COMMANDS, false, null,
                List.of(new FunctionRun("fn-1", "on-end", 3)));
    }
}
