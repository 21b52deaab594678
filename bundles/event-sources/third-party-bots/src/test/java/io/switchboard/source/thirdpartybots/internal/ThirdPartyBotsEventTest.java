package io.switchboard.source.thirdpartybots.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.InvocationMode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ThirdPartyBotsEventTest {

    @Test
    void everyEventTypeOfTheFamilyHasItsLimitModeSkillsAndWebhookPath() {
        assertThat(ThirdPartyBotsEvent.values()).hasSize(4);
        for (ThirdPartyBotsEvent event : ThirdPartyBotsEvent.values()) {
            EventTypeDefinition definition = event.definition();
            assertThat(definition.id()).matches("[a-z0-9_]+");
            assertThat(definition.source()).isEqualTo(ThirdPartyBotsEvent.FAMILY);
            assertThat(definition.defaultFunctionLimit()).isEqualTo(15);
            assertThat(definition.supportsSkills()).isEqualTo(false);
            assertThat(definition.skillPointer()).isNull();
            assertThat(definition.mode()).isEqualTo(InvocationMode.SYNC);
            assertThat(definition.webhookPath()).startsWith("/events/third-party-bots/").isEqualTo(event.webhookPath());
            assertThat(definition.samplePayload()).contains("\"");
        }
    }

    @Test
    void idsAndWebhookPathsAreUnique() {
        assertThat(Arrays.stream(ThirdPartyBotsEvent.values()).map(ThirdPartyBotsEvent::id).distinct()).hasSize(4);
        assertThat(Arrays.stream(ThirdPartyBotsEvent.values()).map(ThirdPartyBotsEvent::webhookPath).distinct()).hasSize(4);
    }
}
