package io.switchboard.source.chatpostsurvey.internal;

import io.switchboard.source.testkit.Annotations;
import io.switchboard.source.testkit.ResultRoutesContract;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChatPostSurveyResultRoutesTest {

    @Test
    void everyEventOfTheFamilyHasAResultRouteListeningForItsType() throws Exception {
        ResultRoutesContract.assertEveryEventHasAResultRouteListeningForItsType(urls -> new ChatPostSurveyResultRoutes(config(urls)),
                Arrays.stream(ChatPostSurveyEvent.values()).map(ChatPostSurveyEvent::id).toList(), ChatPostSurveyEvent.EMAIL_TRANSCRIPT.id());
    }

    @Test
    void aCallbackEntryThatIsNotAccountEqualsUrlIsRefusedNamingIt() {
        ResultRoutesContract.assertACallbackEntryThatIsNotAccountEqualsUrlIsRefused(urls -> new ChatPostSurveyResultRoutes(config(urls)));
    }

    private static ChatPostSurveyResultRoutes.Config config(String[] callbackUrls) {
        return Annotations.of(ChatPostSurveyResultRoutes.Config.class, "callbackUrls", callbackUrls, "timeoutMs", 1_000L,
                "maximumRedeliveries", 0, "redeliveryDelayMs", 1L);
    }
}
