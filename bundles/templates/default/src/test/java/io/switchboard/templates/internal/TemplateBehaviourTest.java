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
        ObjectNode idle = (ObjectNode) payload.get("idle");
        assertThat(run("messaging-conversation-idle", payload, Map.of()).findValuesAsText("type")).containsExactly("sendMessage");

        idle.put("idleSeconds", 1800);
        assertThat(run("messaging-conversation-idle", payload, Map.of()).findValuesAsText("type"))
                .containsExactly("sendMessage", "closeConversation");

        idle.put("participantRole", "AGENT");
        assertThat(run("messaging-conversation-idle", payload, Map.of()).get("type").asText()).isEqualTo("noAction");
    }

    @Test
    void theOffHoursTemplateTransfersUrgentLinesWhenAnOnCallSkillIsSetAndOtherwiseSaysWhenTheTeamIsBack() {
        ObjectNode payload = sample("messaging_line_in_off_hours");
        assertThat(run("messaging-line-in-off-hours", payload, Map.of("ALWAYS_ON_SKILL_ID", "911")).get("text").asText())
                .startsWith("Our team is offline right now and will answer from ");

        ((ObjectNode) payload.get("message")).put("text", "Urgent: my card is blocked");
        JsonNode commands = run("messaging-line-in-off-hours", payload, Map.of("ALWAYS_ON_SKILL_ID", "911"));
        assertThat(commands.findValuesAsText("type")).containsExactly("sendMessage", "transfer");
        assertThat(commands.get(1).get("skillId").asText()).isEqualTo("911");
    }

    @Test
    void thePreHookMasksCardNumbersAndPassesOtherMessagesOnUnchanged() {
        ObjectNode payload = sample("third_party_bots_pre_hook");
        assertThat(run("third-party-bots-pre-hook", payload, Map.of()).isNull()).isTrue();

        payload.put("message", "My card 4111 1111 1111 1111 was charged twice");
        assertThat(run("third-party-bots-pre-hook", payload, Map.of()).get("message").asText())
                .isEqualTo("My card [card number removed] was charged twice");
    }

    @Test
    void thePostHookDropsEmptyMessagesAndFillsAnEmptyAnswer() {
        ObjectNode payload = sample("third_party_bots_post_hook");
        ((ObjectNode) payload.get("vendorResponse")).putArray("messages").add("Sure!").add(" ");
        assertThat(run("third-party-bots-post-hook", payload, Map.of()).get("messages")).extracting(JsonNode::asText).containsExactly("Sure!");

        ((ObjectNode) payload.get("vendorResponse")).putArray("messages");
        assertThat(run("third-party-bots-post-hook", payload, Map.of()).get("messages")).extracting(JsonNode::asText)
                .containsExactly("Sorry, I did not get that. Could you rephrase?");
    }

    @Test
    void theCustomIntegrationBotTransfersWhenAskedForAnAgentAndEchoesOtherwise() {
        ObjectNode payload = sample("third_party_bots_custom_integration");
        JsonNode echo = run("third-party-bots-custom-integration", payload, Map.of());
        assertThat(echo.get("messages").get(0).asText()).startsWith("Welcome back").contains("You said: I want to change");

        payload.put("message", "let me talk to an agent");
        JsonNode transfer = run("third-party-bots-custom-integration", payload, Map.of("AGENT_SKILL", "sales"));
        assertThat(transfer.at("/actions/0/name").asText()).isEqualTo("TRANSFER");
        assertThat(transfer.at("/actions/0/parameters/skill").asText()).isEqualTo("sales");
    }

    @Test
    void theErrorHookHandsTheConversationToAgents() {
        JsonNode response = run("third-party-bots-error-hook", sample("third_party_bots_error_hook"), Map.of("FALLBACK_SKILL", "support"));

        assertThat(response.at("/actions/0/parameters/skill").asText()).isEqualTo("support");
        assertThat(response.get("messages")).hasSize(1);
    }

    @Test
    void theChatSurveyTemplateSendsTheTranscriptOnlyWhenTheVisitorAskedForIt() {
        ObjectNode payload = sample("chat_post_survey_email_transcript");
        JsonNode decision = run("chat-post-survey-email-transcript", payload, Map.of());
        assertThat(decision.get("sendTranscript").asBoolean()).isTrue();
        assertThat(decision.get("to")).extracting(JsonNode::asText).containsExactly(payload.at("/visitor/email").asText());

        ((ObjectNode) payload.at("/survey/answers/0")).put("answer", "No");
        assertThat(run("chat-post-survey-email-transcript", payload, Map.of()).get("sendTranscript").asBoolean()).isFalse();
    }

    @Test
    void theSurveyEndedTemplateEscalatesALowSatisfactionScore() {
        ObjectNode payload = sample("messaging_survey_ended");
        ((ObjectNode) payload.at("/survey/answers/0")).put("answer", 1);

        JsonNode commands = run("messaging-survey-ended", payload, Map.of("ESCALATION_SKILL_ID", "leads"));

        assertThat(commands.findValuesAsText("type")).containsExactly("sendMessage", "transfer");
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
