package io.switchboard.core.api.event;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service through which an event-source bundle contributes one event type to the catalogue.
 * Register it with the {@link EventTypeId} component property so the core can read the id before fetching.
 */
@ConsumerType
public interface EventTypeProvider {

    /** The event type's description; must return the same value for the life of the service. */
    EventTypeDefinition definition();
}
