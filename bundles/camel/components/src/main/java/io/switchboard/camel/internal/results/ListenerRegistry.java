package io.switchboard.camel.internal.results;

import io.switchboard.core.api.dispatch.SettledEventListener;

/** Where an {@code event-results:} consumer registers its listener with the core (the OSGi service registry in a framework). */
@FunctionalInterface
public interface ListenerRegistry {

    /** Registers the listener for one event type's settled events; closing the answer unregisters it. */
    Registration register(String eventTypeId, SettledEventListener listener);

    /** A registered listener; {@link #close()} unregisters it (once). */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
