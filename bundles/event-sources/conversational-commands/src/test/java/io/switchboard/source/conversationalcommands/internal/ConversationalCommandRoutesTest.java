package io.switchboard.source.conversationalcommands.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.source.testkit.ClassPathBundle;
import io.switchboard.source.testkit.EventSourceRoutesContract;
import org.junit.jupiter.api.Test;

class ConversationalCommandRoutesTest {

    @Test
    void theCommandWebhookTakesTheCommandFromItsPath() throws Exception {
        ConversationalCommandRoutes routes = new ConversationalCommandRoutes(ClassPathBundle.context(ConversationalCommandRoutes.class));

        assertThat(EventSourceRoutesContract.assertEveryTypeHasItsRoutes(routes, false)).containsExactly("conversational_command");
        assertThat(routes.types()).singleElement()
                .satisfies(t -> assertThat(t.webhookPath()).isEqualTo("/events/conversational-commands/commands/{commandName}"));
    }
}
