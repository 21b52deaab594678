package io.switchboard.source.thirdpartybots.internal;

import io.switchboard.camel.api.EventSourceRoutes;
import io.switchboard.camel.api.SwitchboardHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The bot webhooks of this bundle's {@code event-types/} folders ({@code POST /events/third-party-bots/bots/{botId}/<hook>}:
 * the one function the bot is configured with for that event) and the Conversation Builder route, which invokes one
 * function by id or name synchronously.
 */
@Component(service = RoutesBuilder.class)
public final class ThirdPartyBotsRoutes extends EventSourceRoutes {

    static final String CONVERSATION_BUILDER_PATH = "/events/conversation-builder/invoke";

    @Activate
    public ThirdPartyBotsRoutes(BundleContext context) {
        super(context.getBundle(), null);
    }

    @Override
    public void configure() {
        super.configure();
        from("webhook:" + CONVERSATION_BUILDER_PATH).routeId("conversation_builder")
                .process(new ConversationBuilderCall())
                .toD("function:${header." + ConversationBuilderCall.FUNCTION_HEADER + "}?failOnError=false&trigger=EXTERNAL")
                .process(exchange -> exchange.getMessage().setBody(invocationReply(exchange)));
    }

    /** {@code {"invocationId", "outcome", "result"}} or, when the function did not return, {@code "error"} instead. */
    private static Map<String, Object> invocationReply(Exchange exchange) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("invocationId", exchange.getMessage().getHeader(SwitchboardHeaders.INVOCATION_ID));
        String outcome = exchange.getMessage().getHeader(SwitchboardHeaders.OUTCOME, String.class);
        reply.put("outcome", outcome);
        Object value = Json.plain(Json.parse(exchange.getMessage().getBody(String.class)));
        reply.put("OK".equals(outcome) ? "result" : "error", value);
        return reply;
    }
}
