package io.switchboard.source.thirdpartybots.internal;

import io.switchboard.camel.api.EventReplies;
import io.switchboard.camel.api.ResultContract;
import io.switchboard.camel.api.SwitchboardHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Component;

/**
 * One route per bot event (webhook -> core dispatch -> each function's answer in the bot contract) and the
 * Conversation Builder route, which invokes one function by id or name synchronously.
 */
@Component(service = RoutesBuilder.class)
public final class ThirdPartyBotsRoutes extends RouteBuilder {

    static final String CONVERSATION_BUILDER_PATH = "/events/conversation-builder/invoke";

    @Override
    public void configure() {
        for (ThirdPartyBotsEvent event : ThirdPartyBotsEvent.values()) {
            from("webhook:" + event.webhookPath()).routeId(event.id())
                    .to("event:" + event.id() + "?trigger=EVENT")
                    .process(EventReplies.mapping(contractOf(event)));
        }
        from("webhook:" + CONVERSATION_BUILDER_PATH).routeId("conversation_builder")
                .process(new ConversationBuilderCall())
                .toD("function:${header." + ConversationBuilderCall.FUNCTION_HEADER + "}?failOnError=false&trigger=EXTERNAL")
                .process(exchange -> exchange.getMessage().setBody(invocationReply(exchange)));
    }

    static ResultContract contractOf(ThirdPartyBotsEvent event) {
        return event == ThirdPartyBotsEvent.PRE_HOOK ? new PreHookContract() : new BotResponseContract();
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
