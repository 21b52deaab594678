package io.switchboard.source.conversationalcommands.internal;

import io.switchboard.camel.api.EventReplies;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Component;

/** Webhook -> core dispatch (schema, limits) -> each function's reply for the agent workspace. */
@Component(service = RoutesBuilder.class)
public final class ConversationalCommandRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("webhook:" + ConversationalCommand.WEBHOOK_PATH).routeId(ConversationalCommand.ID)
                .to("event:" + ConversationalCommand.ID + "?trigger=EVENT")
                .process(EventReplies.mapping(new CommandReplyContract()));
    }
}
