package io.switchboard.core.internal.dispatch;

import java.util.List;

import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.dispatch.Trigger;

/** Why a function runs: the event (or none), the caller's headers and what triggered it. */
record InvocationContext(String eventTypeId, String eventId, List<Header> headers, Trigger trigger) {
    InvocationContext {
        headers = List.copyOf(headers);
    }
}
