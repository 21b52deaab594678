package io.switchboard.camel.api;

import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.LivePersonError;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.event.ResultDelivery;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Turns the {@link DispatchResult} an {@code event:} endpoint left in the body into the webhook's answer, as LivePerson's
 * gateway answers (the contract table of docs/liveperson-compatibility.md):
 * <ul>
 * <li>ASYNC: {@code 202 {"eventId"}}; the combined result is delivered to the account's callback when the event settles</li>
 * <li>SYNC: {@code 200} with the combined result as the body (a command's reply, a bot's response, the hook's payload,
 * {@code {"commands", "useDefaultAutoMessage"}}, ...); {@code 204} without a body for a type whose result goes nowhere (an
 * error hook)</li>
 * <li>SYNC, a function failed: LivePerson's {@code 901 {"errorCode", "errorMsg"}} ({@link LivePersonError})</li>
 * <li>SYNC, refused for now (every function quarantined, nothing ran): LivePerson's {@code 503} error as above, with the
 * seconds to wait in {@link SwitchboardHeaders#HTTP_RETRY_AFTER}, which the webhook answers as {@code Retry-After}</li>
 * </ul>
 */
public final class EventReplies {

    private EventReplies() {
    }

    /** A processor that answers the dispatch result in the body; see the class description. */
    public static Processor answer() {
        return exchange -> answer(exchange, exchange.getMessage().getMandatoryBody(DispatchResult.class));
    }

    private static void answer(Exchange exchange, DispatchResult result) {
        if (result.mode() == InvocationMode.ASYNC) {
            reply(exchange, 202, Map.of("eventId", result.eventId()));
            return;
        }
        if (result.failed()) {
            LivePersonError error = LivePersonError.of(result.failure());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("errorCode", error.errorCode());
            body.put("errorMsg", error.errorMsg());
            reply(exchange, error.status(), body);
            if (result.retryAfter() != null) {
                exchange.getMessage().setHeader(SwitchboardHeaders.HTTP_RETRY_AFTER, Math.max(1, result.retryAfter().toSeconds()));
            }
            return;
        }
        if (result.delivery() == ResultDelivery.NONE) {
            reply(exchange, 204, null);
            return;
        }
        // The combined result is JSON text already: it goes out byte for byte.
        reply(exchange, 200, result.resultJson() == null ? null : result.resultJson().getBytes(StandardCharsets.UTF_8));
    }

    private static void reply(Exchange exchange, int status, Object body) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody(body);
    }
}
