package io.switchboard.core.internal.dispatch;

import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.trace.TraceParent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One trace per event: an event that comes without a valid {@code traceparent} header gets a new trace in its headers
 * (an invalid one replaced, as W3C Trace Context asks), before it is stored or run. So every run of the event (each
 * function, each retry of an asynchronous task, whose headers are stored with it) continues the same trace.
 */
final class EventTraces {

    private EventTraces() {
    }

    static DispatchRequest traced(DispatchRequest request) {
        if (TraceParent.of(request.headers()).isPresent()) {
            return request;
        }
        List<Header> headers = new ArrayList<>();
        for (Header header : request.headers()) {
            if (!header.key().toLowerCase(Locale.ROOT).equals(TraceParent.HEADER)) {
                headers.add(header);
            }
        }
        headers.add(new Header(TraceParent.HEADER, TraceParent.newTrace().header()));
        return new DispatchRequest(request.account(), request.eventTypeId(), request.payloadJson(), headers, request.trigger(),
                request.skillId(), request.commandName(), request.botId(), request.mode(), request.idempotencyKey());
    }
}
