package io.switchboard.core.api.dispatch;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service told once about each settled asynchronous event (e.g. to deliver its combined result to the
 * event's caller). Register it with the service property {@value #EVENT_TYPE_ID} to hear only about one event type
 * (or several, as a {@code String[]}); without it, every settled event is told.
 *
 * @since 1.3
 */
@ConsumerType
@FunctionalInterface
public interface SettledEventListener {

    /** The service property naming the event type(s) a listener wants; the same as the event types' own. */
    String EVENT_TYPE_ID = io.switchboard.core.api.event.EventTypeId.NAME;

    /**
     * Called on the core's asynchronous worker after the event's last function settled, once per event (again only
     * after a dead-lettered task of it was retried). Return quickly: hand slow work (delivery) to a thread of your own.
     * An exception is logged and ignored.
     */
    void eventSettled(SettledEvent event);
}
