package io.switchboard.source.chatpostsurvey.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.camel.api.CallbackConfiguration;
import io.switchboard.source.testkit.Annotations;
import io.switchboard.source.testkit.ClassPathBundle;
import io.switchboard.source.testkit.EventSourceRoutesContract;
import org.junit.jupiter.api.Test;

class ChatPostSurveyRoutesTest {

    @Test
    void theFolderHasItsWebhookAndItsResultRoute() throws Exception {
        ChatPostSurveyRoutes routes = new ChatPostSurveyRoutes(ClassPathBundle.context(ChatPostSurveyRoutes.class),
                Annotations.of(CallbackConfiguration.class));

        assertThat(EventSourceRoutesContract.assertEveryTypeHasItsRoutes(routes, true)).containsExactlyInAnyOrder(
                "denver_post_survey_email_transcript", "denver_post_survey_email_transcript-results");
    }
}
