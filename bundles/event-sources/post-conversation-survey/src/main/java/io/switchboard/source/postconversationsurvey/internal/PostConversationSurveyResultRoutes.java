package io.switchboard.source.postconversationsurvey.internal;

import io.switchboard.camel.api.CallbackCommandsContract;
import io.switchboard.camel.api.CallbackSettings;
import io.switchboard.camel.api.ResultCallbackRoutes;
import io.switchboard.camel.api.ResultContract;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.RoutesBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One route per event: each function's final result (callback commands) -> mapped by the callback commands contract ->
 * delivered to the callback of the event's account (the messaging platform that sent the event).
 */
@Component(service = RoutesBuilder.class, configurationPid = PostConversationSurveyResultRoutes.PID)
@Designate(ocd = PostConversationSurveyResultRoutes.Config.class)
public final class PostConversationSurveyResultRoutes extends ResultCallbackRoutes {

    static final String PID = "io.switchboard.source.post-conversation-survey";

    /** Where and how the Post Conversation Survey functions' callback commands are delivered. */
    @ObjectClassDefinition(name = "Switchboard Post Conversation Survey results",
            description = "Delivery of the callback commands of the Post Conversation Survey functions to each account's messaging platform")
    public @interface Config {
        @AttributeDefinition(description = "Entries account=url: the callback that receives the account's commands; accounts without one get none")
        String[] callbackUrls() default {};

        @AttributeDefinition(type = AttributeType.PASSWORD,
                description = "HMAC-SHA256 secret signing each delivery (X-Switchboard-Signature: sha256=<hex>); empty: unsigned")
        String signingSecret() default "";

        @AttributeDefinition(description = "Longest a delivery may take (connect and answer), in milliseconds")
        long timeoutMs() default 10_000;

        @AttributeDefinition(description = "Redeliveries of a delivery that failed (no answer or not 2xx) before it is given up")
        int maximumRedeliveries() default 3;

        @AttributeDefinition(description = "Delay before each redelivery, in milliseconds")
        long redeliveryDelayMs() default 1_000;
    }

    @Activate
    public PostConversationSurveyResultRoutes(Config config) {
        super(CallbackSettings.of(config.callbackUrls(), config.signingSecret(), Duration.ofMillis(config.timeoutMs()),
                config.maximumRedeliveries(), Duration.ofMillis(config.redeliveryDelayMs())));
    }

    @Override
    protected Map<String, ResultContract> contracts() {
        ResultContract commands = new CallbackCommandsContract();
        Map<String, ResultContract> contracts = new LinkedHashMap<>();
        for (PostConversationSurveyEvent event : PostConversationSurveyEvent.values()) {
            contracts.put(event.id(), commands);
        }
        return contracts;
    }
}
