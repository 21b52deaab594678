package io.switchboard.camel.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service told of every exchange an event source's route finished (for metrics): register one to count
 * them. Calls come on the route's thread as the exchange ends: return at once; an exception is logged and ignored.
 * @since 2.1
 */
@ConsumerType
public interface RouteObserver {

    /**
     * An exchange of a route ended.
     *
     * @param contextName the CamelContext of the event source's bundle ({@code switchboard-<bundle>})
     * @param routeId the id of the route the exchange came in through
     * @param failed whether it ended with an exception not handled by the route
     * @param durationNanos how long it took, from its creation
     */
    void exchangeCompleted(String contextName, String routeId, boolean failed, long durationNanos);
}
