package io.switchboard.camel.internal.event;

import io.switchboard.camel.api.SwitchboardHeaders;
import io.switchboard.camel.internal.Payloads;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.EventDispatcher;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Dispatches the body as the event's payload (limits, selection, validation and SYNC/ASYNC apply), for the skill,
 * command and bot the headers name ({@code SwitchboardSkillId} or {@code ?skillId=}, {@code SwitchboardCommandName},
 * {@code SwitchboardBotId}); the {@link DispatchResult} becomes the body. A {@link SwitchboardHeaders#IDEMPOTENCY_KEY}
 * header goes with the event, so a redelivery of the same source event is answered without running again. The core's
 * refusals (unknown type, invalid payload, full capacity)
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
                endpoint.getTrigger(), skill(message), message.getHeader(SwitchboardHeaders.COMMAND_NAME, String.class),
                message.getHeader(SwitchboardHeaders.BOT_ID, String.class), null,
                message.getHeader(SwitchboardHeaders.IDEMPOTENCY_KEY, String.class)));
        message.setHeader(SwitchboardHeaders.EVENT_ID, result.eventId());
        message.setBody(result);
    }

    /** The skill of the header {@value SwitchboardHeaders#SKILL_ID}, else the {@code skillId} of the webhook's query. */
    static String skill(Message message) {
        String skill = message.getHeader(SwitchboardHeaders.SKILL_ID, String.class);
        if (skill != null) {
            return skill;
        }
        String query = message.getHeader(SwitchboardHeaders.HTTP_QUERY, String.class);
        if (query == null) {
            return null;
        }
        for (String parameter : query.split("&")) {
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).equals("skillId")) {
                return URLDecoder.decode(parameter.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
