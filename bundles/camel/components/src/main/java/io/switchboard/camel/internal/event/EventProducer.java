package io.switchboard.camel.internal.event;

import io.switchboard.camel.api.SwitchboardHeaders;
import io.switchboard.camel.internal.Payloads;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.EventDispatcher;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Dispatches the body as the event's payload (limits, skills, validation and SYNC/ASYNC apply); the
 * {@link DispatchResult} becomes the body. A {@link SwitchboardHeaders#IDEMPOTENCY_KEY} header goes with the event, so a
 * redelivery of the same source event is answered without running again. The core's refusals (unknown type, invalid payload, full capacity)
 * are thrown as they are, for the route's error handling or the webhook to answer.
 */
final class EventProducer extends DefaultProducer {

    private final EventEndpoint endpoint;
    private final EventDispatcher dispatcher;

    EventProducer(EventEndpoint endpoint, EventDispatcher dispatcher) {
        super(endpoint);
        this.endpoint = endpoint;
        this.dispatcher = dispatcher;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        DispatchResult result = dispatcher.dispatch(new DispatchRequest(endpoint.target().accountFor(message),
                endpoint.target().name(), Payloads.bodyAsJson(message), Payloads.functionHeaders(exchange),
                endpoint.getTrigger(), message.getHeader(SwitchboardHeaders.IDEMPOTENCY_KEY, String.class)));
        message.setHeader(SwitchboardHeaders.EVENT_ID, result.eventId());
        message.setBody(result);
    }
}
