package io.switchboard.source.postconversationsurvey.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.camel.api.CallbackConfiguration;
import io.switchboard.source.testkit.Annotations;
import io.switchboard.source.testkit.ClassPathBundle;
import io.switchboard.source.testkit.EventSourceRoutesContract;
import org.junit.jupiter.api.Test;

class PostConversationSurveyRoutesTest {

    @Test
    void everyFolderHasItsWebhookAndItsResultRoute() throws Exception {
        PostConversationSurveyRoutes routes = new PostConversationSurveyRoutes(ClassPathBundle.context(PostConversationSurveyRoutes.class),
                Annotations.of(CallbackConfiguration.class));

        assertThat(EventSourceRoutesContract.assertEveryTypeHasItsRoutes(routes, true)).containsExactlyInAnyOrder(
                "surveybot_messaging_survey_ended", "surveybot_messaging_survey_ended-results",
                "surveybot_messaging_survey_started", "surveybot_messaging_survey_started-results");
    }
}
