package io.switchboard.source.systemmessages.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.camel.api.CallbackConfiguration;
import io.switchboard.source.testkit.Annotations;
import io.switchboard.source.testkit.ClassPathBundle;
import io.switchboard.source.testkit.EventSourceRoutesContract;
import org.junit.jupiter.api.Test;

class SystemMessagesRoutesTest {

    @Test
    void everyFolderHasItsWebhookAndItsResultRoute() throws Exception {
        SystemMessagesRoutes routes = new SystemMessagesRoutes(ClassPathBundle.context(SystemMessagesRoutes.class),
                Annotations.of(CallbackConfiguration.class, "callbackUrls", new String[] {"acme=http://127.0.0.1:1/callbacks"}));

        assertThat(EventSourceRoutesContract.assertEveryTypeHasItsRoutes(routes, true)).hasSize(16)
                .contains("controllerbot_messaging_mid_conversation_msg", "controllerbot_messaging_mid_conversation_msg-results");
        assertThat(routes.types()).extracting(t -> t.webhookPath()).contains("/events/system-messages/line-in-off-hours");
    }
}
