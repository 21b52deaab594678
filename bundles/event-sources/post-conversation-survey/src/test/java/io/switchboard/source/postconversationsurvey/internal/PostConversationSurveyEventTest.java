package io.switchboard.source.postconversationsurvey.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.InvocationMode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PostConversationSurveyEventTest {

    @Test
    void everyEventTypeOfTheFamilyHasItsLimitModeSkillsAndWebhookPath() {
        assertThat(PostConversationSurveyEvent.values()).hasSize(2);
        for (PostConversationSurveyEvent event : PostConversationSurveyEvent.values()) {
            EventTypeDefinition definition = event.definition();
            assertThat(definition.id()).matches("[a-z0-9_]+");
            assertThat(definition.source()).isEqualTo(PostConversationSurveyEvent.FAMILY);
            assertThat(definition.defaultFunctionLimit()).isEqualTo(1);
            assertThat(definition.supportsSkills()).isEqualTo(true);
            assertThat(definition.skillPointer()).isEqualTo("/skillId");
            assertThat(definition.mode()).isEqualTo(InvocationMode.ASYNC);
            assertThat(definition.webhookPath()).startsWith("/events/post-conversation-survey/").isEqualTo(event.webhookPath());
            assertThat(definition.samplePayload()).contains("\"");
        }
    }

    @Test
    void idsAndWebhookPathsAreUnique() {
        assertThat(Arrays.stream(PostConversationSurveyEvent.values()).map(PostConversationSurveyEvent::id).distinct()).hasSize(2);
        assertThat(Arrays.stream(PostConversationSurveyEvent.values()).map(PostConversationSurveyEvent::webhookPath).distinct()).hasSize(2);
    }
}
