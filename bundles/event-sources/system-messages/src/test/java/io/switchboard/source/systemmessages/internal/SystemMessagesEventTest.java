package io.switchboard.source.systemmessages.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.InvocationMode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SystemMessagesEventTest {

    @Test
    void everyEventTypeOfTheFamilyHasItsLimitModeSkillsAndWebhookPath() {
        assertThat(SystemMessagesEvent.values()).hasSize(8);
        for (SystemMessagesEvent event : SystemMessagesEvent.values()) {
            EventTypeDefinition definition = event.definition();
            assertThat(definition.id()).matches("[a-z0-9_]+");
            assertThat(definition.source()).isEqualTo(SystemMessagesEvent.FAMILY);
            assertThat(definition.defaultFunctionLimit()).isEqualTo(1);
            assertThat(definition.supportsSkills()).isEqualTo(true);
            assertThat(definition.skillPointer()).isEqualTo("/skillId");
            assertThat(definition.mode()).isEqualTo(InvocationMode.ASYNC);
            assertThat(definition.webhookPath()).startsWith("/events/system-messages/").isEqualTo(event.webhookPath());
            assertThat(definition.samplePayload()).contains("\"");
        }
    }

    @Test
    void idsAndWebhookPathsAreUnique() {
        assertThat(Arrays.stream(SystemMessagesEvent.values()).map(SystemMessagesEvent::id).distinct()).hasSize(8);
        assertThat(Arrays.stream(SystemMessagesEvent.values()).map(SystemMessagesEvent::webhookPath).distinct()).hasSize(8);
    }
}
