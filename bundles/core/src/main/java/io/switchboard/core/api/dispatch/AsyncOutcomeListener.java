package io.switchboard.core.api.dispatch;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service told about each finished function run of an asynchronous event (e.g. to deliver its result to
 * the event's caller). Register it with the service property {@value #EVENT_TYPE_ID} to hear only about one event
 * type (or several, as a {@code String[]}); without it, every asynchronous outcome is told.
 */
@ConsumerType
@FunctionalInterface
public interface AsyncOutcomeListener {

    /** The service property naming the event type(s) a listener wants; the same as the event types' own. */
    String EVENT_TYPE_ID = io.switchboard.core.api.event.EventTypeId.NAME;

    /**
     * Called on the core's asynchronous worker after the run's invocation record is stored, once per run (retries
     * included). Return quickly: hand slow work (delivery) to a thread of your own. An exception is logged and ignored.
     */
    void functionFinished(AsyncOutcome outcome);
}
