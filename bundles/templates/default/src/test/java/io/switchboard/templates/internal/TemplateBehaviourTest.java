package io.switchboard.templates.internal;

import static io.switchboard.templates.internal.ShippedTemplatesTest.JSON;
import static io.switchboard.templates.internal.ShippedTemplatesTest.SECRETS;
import static io.switchboard.templates.internal.ShippedTemplatesTest.resultOf;
import static io.switchboard.templates.internal.ShippedTemplatesTest.run;
import static io.switchboard.templates.internal.ShippedTemplatesTest.samplePayload;
import static io.switchboard.templates.internal.ShippedTemplatesTest.templates;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the event templates decide, beyond the shape of their results. */
class TemplateBehaviourTest {

    @BeforeAll
    static void templatesLoaded() throws Exception {
        ShippedTemplatesTest.load();
    }

    private static JsonNode run(String id, JsonNode payload, Map<String, String> env) {
        return resultOf(ShippedTemplatesTest.run(templates.get(id), payload, env, List.of()));
    }

    private static ObjectNode sample(String eventType) {
        return (ObjectNode) samplePayload(eventType).deepCopy();
    }

    @Test
    void theIdleTemplateNudgesAnIdleConsumerAndClosesAfterALongSilence() {
        ObjectNode payload = sample("messaging_conversation_idle");
        assertThat(run("messaging-conversation-idle", payload.put("idleSeconds", 120), Map.of()).findValuesAsText("type"))
                .containsExactly("systemMessage");
        assertThat(run("messaging-conversation-idle", payload.put("idleSeconds", 900), Map.of()).findValuesAsText("type"))
                .containsExactly("systemMessage", "closeConversation");
    }

    @Test
    void theOffHoursTemplateTransfersUrgentLinesWhenAnOnCallSkillIsSet() {
        JsonNode commands = run("messaging-line-in-off-hours", sample("messaging_line_in_off_hours"), Map.of("ALWAYS_ON_SKILL_ID", "911"));

        assertThat(commands.findValuesAsText("type")).containsExactly("systemMessage", "transfer");
        assertThat(commands.get(1).get("skillId").asText()).isEqualTo("911");
    }

    @Test
    void thePreHookMasksCardNumbersBeforeTheVendorSeesThem() {
        JsonNode message = run("third-party-bots-pre-hook", sample("third_party_bots_pre_hook"), Map.of());

        assertThat(message.get("message").asText()).doesNotContain("4111").contains("[card number removed]");
        assertThat(message.get("conversationId").asText()).isNotBlank();
    }

    @Test
    void thePostHookDropsEmptyMessagesAndFillsAnEmptyAnswer() {
        assertThat(run("third-party-bots-post-hook", sample("third_party_bots_post_hook"), Map.of()).get("messages"))
                .extracting(JsonNode::asText).containsExactly("Hello! How can I help?");
        ObjectNode empty = sample("third_party_bots_post_hook");
        ((ObjectNode) empty.get("response")).putArray("messages");
        assertThat(run("third-party-bots-post-hook", empty, Map.of()).get("messages")).hasSize(1);
    }

    @Test
    void theCustomIntegrationBotTransfersWhenAskedForAnAgentAndEchoesOtherwise() {
        JsonNode transfer = run("third-party-bots-custom-integration", sample("third_party_bots_custom_integration"), Map.of("AGENT_SKILL", "sales"));
        assertThat(transfer.at("/context/action").asText()).isEqualTo("TRANSFER");
        assertThat(transfer.at("/context/actionParameters/skill").asText()).isEqualTo("sales");

        JsonNode echo = run("third-party-bots-custom-integration", sample("third_party_bots_custom_integration").put("message", "hello"), Map.of());
        assertThat(echo.get("messages").get(0).asText()).isEqualTo("You said: hello");
    }

    @Test
    void theChatSurveyTemplateSendsTheTranscriptOnlyWhenTheVisitorAskedForIt() {
        assertThat(run("chat-post-survey-email-transcript", sample("chat_post_survey_email_transcript"), Map.of()).get("email").asText())
                .isEqualTo("jane@example.com");
        ObjectNode declined = sample("chat_post_survey_email_transcript");
        ((ObjectNode) declined.get("surveyAnswers").get(0)).put("answer", "no");
        assertThat(run("chat-post-survey-email-transcript", declined, Map.of()).get("sendTranscript").asBoolean()).isFalse();
    }

    @Test
    void theConversationalCommandAnswersWithUsageWithoutArguments() {
        ObjectNode payload = sample("conversational_command");
        ((ObjectNode) payload.get("command")).putArray("arguments");

        assertThat(run("conversational-command", payload, Map.of()).get("reply").asText()).startsWith("Usage: /order");
    }

    @Test
    void theConversationalCommandLeavesOtherCommandsToOtherFunctions() {
        ObjectNode payload = sample("conversational_command");
        ((ObjectNode) payload.get("command")).put("name", "weather");

        assertThat(run("conversational-command", payload, Map.of()).isNull()).isTrue();
    }

    @Test
    void theSecretStorageTemplateFailsClearlyWhenTheSecretIsMissing() {
        SECRETS.remove("acme/my-secret");

        ExecutionResult result = ShippedTemplatesTest.run(templates.get("secret-storage"), JSON.createObjectNode(), Map.of(), List.of());

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.error().errorMsg()).contains("my-secret");
    }

    @Test
    void theSecretStorageTemplateUpdatesTheRotationCounter() {
        SECRETS.put("acme/my-secret", "value");

        JsonNode body = run("secret-storage", JSON.createObjectNode().put("rotations", 4), Map.of());

        assertThat(body.get("rotations").asInt()).isEqualTo(5);
        assertThat(SECRETS.get("acme/my-secret-rotations")).isEqualTo("5");
    }
}
