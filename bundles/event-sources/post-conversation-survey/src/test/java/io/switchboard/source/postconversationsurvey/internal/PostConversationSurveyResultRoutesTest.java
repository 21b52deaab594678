package io.switchboard.source.postconversationsurvey.internal;

import io.switchboard.source.testkit.Annotations;
import io.switchboard.source.testkit.ResultRoutesContract;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PostConversationSurveyResultRoutesTest {

    @Test
    void everyEventOfTheFamilyHasAResultRouteListeningForItsType() throws Exception {
        ResultRoutesContract.assertEveryEventHasAResultRouteListeningForItsType(urls -> new PostConversationSurveyResultRoutes(config(urls)),
                Arrays.stream(PostConversationSurveyEvent.values()).map(PostConversationSurveyEvent::id).toList(),
                PostConversationSurveyEvent.SURVEY_ENDED.id());
    }

    @Test
    void aCallbackEntryThatIsNotAccountEqualsUrlIsRefusedNamingIt() {
        ResultRoutesContract.assertACallbackEntryThatIsNotAccountEqualsUrlIsRefused(urls -> new PostConversationSurveyResultRoutes(config(urls)));
    }

    private static PostConversationSurveyResultRoutes.Config config(String[] callbackUrls) {
        return Annotations.of(PostConversationSurveyResultRoutes.Config.class, "callbackUrls", callbackUrls, "timeoutMs", 1_000L,
                "maximumRedeliveries", 0, "redeliveryDelayMs", 1L);
    }
}
