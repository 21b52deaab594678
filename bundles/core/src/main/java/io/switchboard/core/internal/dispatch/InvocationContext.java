package io.switchboard.core.internal.dispatch;

import java.util.List;

import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.event.EventTypeDefinition;

/**
 * Why a function runs: the event (or none: a direct call, whose result is not held to any event's contract), the
 * caller's headers, what triggered it and how deep in a chain of function-to-function calls it is.
 */
record InvocationContext(EventTypeDefinition event, String eventId, List<Header> headers, Trigger trigger, int depth) {
    InvocationContext {
        headers = List.copyOf(headers);
    }

    /** A run for an event (depth 0). */
    static InvocationContext forEvent(EventTypeDefinition event, String eventId, List<Header> headers, Trigger trigger) {
        return new InvocationContext(event, eventId, headers, trigger, 0);
    }

    /** A direct call without an event (depth 0). */
    static InvocationContext direct(List<Header> headers, Trigger trigger) {
        return new InvocationContext(null, null, headers, trigger, 0);
    }

    String eventTypeId() {
        return event == null ? null : event.id();
    }
}
