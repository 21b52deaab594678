package io.switchboard.source.systemmessages.internal;

import io.switchboard.source.testkit.Annotations;
import io.switchboard.source.testkit.ResultRoutesContract;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SystemMessagesResultRoutesTest {

    @Test
    void everyEventOfTheFamilyHasAResultRouteListeningForItsType() throws Exception {
        ResultRoutesContract.assertEveryEventHasAResultRouteListeningForItsType(urls -> new SystemMessagesResultRoutes(config(urls)),
                Arrays.stream(SystemMessagesEvent.values()).map(SystemMessagesEvent::id).toList(), SystemMessagesEvent.CONVERSATION_END.id());
    }

    @Test
    void aCallbackEntryThatIsNotAccountEqualsUrlIsRefusedNamingIt() {
        ResultRoutesContract.assertACallbackEntryThatIsNotAccountEqualsUrlIsRefused(urls -> new SystemMessagesResultRoutes(config(urls)));
    }

    private static SystemMessagesResultRoutes.Config config(String[] callbackUrls) {
        return Annotations.of(SystemMessagesResultRoutes.Config.class, "callbackUrls", callbackUrls, "timeoutMs", 1_000L,
                "maximumRedeliveries", 0, "redeliveryDelayMs", 1L);
    }
}
