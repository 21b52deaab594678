package io.switchboard.source.thirdpartybots.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.source.testkit.ClassPathBundle;
import io.switchboard.source.testkit.EventSourceRoutesContract;
import org.junit.jupiter.api.Test;

class ThirdPartyBotsRoutesTest {

    @Test
    void everyHookHasItsBotWebhookBesideTheConversationBuilderRoute() throws Exception {
        ThirdPartyBotsRoutes routes = new ThirdPartyBotsRoutes(ClassPathBundle.context(ThirdPartyBotsRoutes.class));

        assertThat(EventSourceRoutesContract.assertEveryTypeHasItsRoutes(routes, false)).containsExactlyInAnyOrder(
                "bot_connectors_custom_integration", "bot_connectors_error_hook", "bot_connectors_post_hook", "bot_connectors_pre_hook",
                "conversation_builder");
        assertThat(routes.types()).extracting(t -> t.webhookPath())
                .contains("/events/third-party-bots/bots/{botId}/custom-integration", "/events/third-party-bots/bots/{botId}/error-hook");
    }
}
