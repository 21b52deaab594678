package io.switchboard.source.systemmessages.internal;

import io.switchboard.camel.api.EventReplies;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Component;

/**
 * One route per event: webhook -> core dispatch (schema, skill, limit; persisted and run in the background) ->
 * 202 with the event id. The functions' results are delivered by {@link SystemMessagesResultRoutes}.
 */
@Component(service = RoutesBuilder.class)
public final class SystemMessagesRoutes extends RouteBuilder {

    @Override
    public void configure() {
        for (SystemMessagesEvent event : SystemMessagesEvent.values()) {
            from("webhook:" + event.webhookPath()).routeId(event.id())
                    .to("event:" + event.id() + "?trigger=EVENT")
                    .process(EventReplies.acceptance());
        }
    }
}
