package io.switchboard.source.postconversationsurvey.internal;

import io.switchboard.camel.api.EventReplies;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Component;

/**
 * One route per event: webhook -> core dispatch (schema, skill, limit; persisted and run in the background) ->
 * 202 with the event id. The functions' results are delivered by {@link PostConversationSurveyResultRoutes}.
 */
@Component(service = RoutesBuilder.class)
public final class PostConversationSurveyRoutes extends RouteBuilder {

    @Override
    public void configure() {
        for (PostConversationSurveyEvent event : PostConversationSurveyEvent.values()) {
            from("webhook:" + event.webhookPath()).routeId(event.id())
                    .to("event:" + event.id() + "?trigger=EVENT")
                    .process(EventReplies.acceptance());
        }
    }
}
