package io.switchboard.source.chatpostsurvey.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.InvocationMode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChatPostSurveyEventTest {

    @Test
    void everyEventTypeOfTheFamilyHasItsLimitModeSkillsAndWebhookPath() {
        assertThat(ChatPostSurveyEvent.values()).hasSize(1);
        for (ChatPostSurveyEvent event : ChatPostSurveyEvent.values()) {
            EventTypeDefinition definition = event.definition();
            assertThat(definition.id()).matches("[a-z0-9_]+");
            assertThat(definition.source()).isEqualTo(ChatPostSurveyEvent.FAMILY);
            assertThat(definition.defaultFunctionLimit()).isEqualTo(10);
            assertThat(definition.supportsSkills()).isEqualTo(false);
            assertThat(definition.skillPointer()).isNull();
            assertThat(definition.mode()).isEqualTo(InvocationMode.ASYNC);
            assertThat(definition.webhookPath()).startsWith("/events/chat-post-survey/").isEqualTo(event.webhookPath());
            assertThat(definition.samplePayload()).contains("\"");
        }
    }

    @Test
    void idsAndWebhookPathsAreUnique() {
        assertThat(Arrays.stream(ChatPostSurveyEvent.values()).map(ChatPostSurveyEvent::id).distinct()).hasSize(1);
        assertThat(Arrays.stream(ChatPostSurveyEvent.values()).map(ChatPostSurveyEvent::webhookPath).distinct()).hasSize(1);
    }
}
