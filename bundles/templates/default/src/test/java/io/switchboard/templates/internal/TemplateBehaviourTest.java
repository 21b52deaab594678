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

    private static ObjectNode general(ObjectNode payload) {
        return (ObjectNode) payload.get("general");
    }

    @Test
    void theIdleTemplateNudgesAnIdleConsumerClosesAfterALongSilenceAndLeavesTheRestToTheDefaultMessage() {
        ObjectNode payload = sample("controllerbot_messaging_conversation_idle");
        assertThat(run("messaging-conversation-idle", payload, Map.of()).findValuesAsText("type")).containsExactly("systemMessage");

        ((ObjectNode) payload.at("/idle/consumserNonResponsive")).put("time", 30);
        assertThat(run("messaging-conversation-idle", payload, Map.of()).findValuesAsText("type"))
                .containsExactly("systemMessage", "closeConversation");

        general(payload).put("cbotEventType", "AGENT_NON_RESPONSIVE");
        assertThat(run("messaging-conversation-idle", payload, Map.of()).isNull()).as("no result: the default automatic message").isTrue();
    }

    @Test
    void theOffHoursTemplateSaysWhenTheTeamIsBackAndTransfersToTheAlwaysOnSkillWhenThereIsOne() {
        ObjectNode payload = sample("controllerbot_messaging_mid_conversation_msg");
        assertThat(run("messaging-line-in-off-hours", payload, Map.of()).at("/0/text").asText()).startsWith("Our team is offline right now");

        JsonNode commands = run("messaging-line-in-off-hours", payload, Map.of("ALWAYS_ON_SKILL_ID", "911"));
        assertThat(commands.findValuesAsText("type")).containsExactly("systemMessage", "transfer");
        assertThat(commands.get(1).get("skillId").asText()).isEqualTo("911");
    }

    @Test
    void theConversationEndTemplateSaysGoodbyeUnlessTheSystemClosedIt() {
        ObjectNode payload = sample("controllerbot_messaging_conversation_end");
        assertThat(run("messaging-conversation-end", payload, Map.of()).findValuesAsText("type")).containsExactly("systemMessage");

        ((ObjectNode) payload.get("end")).put("closeReason", "SYSTEM");
        assertThat(run("messaging-conversation-end", payload, Map.of())).isEmpty();
    }

    @Test
    void theRoutingTTRAndParticipantsTemplatesReadTheirGroups() {
        ObjectNode routing = sample("controllerbot_messaging_conversation_routing");
        assertThat(run("messaging-conversation-routing", routing, Map.of("VIP_SKILL_ID", routing.at("/routing/newSkillId").asText()))
                .at("/0/text").asText()).startsWith("Welcome to our priority service");

        assertThat(run("messaging-ttr", sample("controllerbot_messaging_ttr"), Map.of()).at("/0/text").asText())
                .isEqualTo("We marked your request as urgent and answer within 10 minutes.");

        ObjectNode change = sample("controllerbot_messaging_participants_change");
        assertThat(run("messaging-participants-change", change, Map.of()).at("/0/text").asText()).contains("connected");
        general(change).put("cbotEventType", "ANOTHER_AGENT_JOINED_CONVERSATION");
        assertThat(run("messaging-participants-change", change, Map.of())).isEmpty();
    }

    @Test
    void theNewConversationTemplateWelcomesAFirstTimerDifferently() {
        ObjectNode payload = sample("controllerbot_messaging_new_conversation");
        assertThat(run("messaging-new-conversation", payload, Map.of()).at("/0/text").asText()).contains("first time");

        ((ObjectNode) payload.get("start")).put("firstConversation", false);
        assertThat(run("messaging-new-conversation", payload, Map.of()).at("/0/text").asText()).startsWith("Welcome back");
    }

    @Test
    void theSurveyTemplatesAnswerOkAsLivePersonDocuments() {
        assertThat(run("messaging-survey-started", sample("surveybot_messaging_survey_started"), Map.of()).asText()).isEqualTo("ok");
        assertThat(run("messaging-survey-ended", sample("surveybot_messaging_survey_ended"), Map.of()).at("/0/type").asText())
                .isEqualTo("systemMessage");
        ObjectNode unfinished = sample("surveybot_messaging_survey_ended");
        unfinished.remove("lastQuestionId");
        assertThat(run("messaging-survey-ended", unfinished, Map.of("FOLLOW_UP_SKILL_ID", "leads")).at("/0/skillId").asText()).isEqualTo("leads");
    }

    @Test
    void thePreHookMasksCardNumbersInTheVendorsRequestAndPassesTheRestOn() {
        ObjectNode dialogflow = sample("bot_connectors_pre_hook");
        ((ObjectNode) dialogflow.at("/queryInput/text")).put("text", "My card 4111 1111 1111 1111 was charged twice");
        JsonNode masked = run("third-party-bots-pre-hook", dialogflow, Map.of());
        assertThat(masked.at("/queryInput/text/text").asText()).isEqualTo("My card [card number removed] was charged twice");
        assertThat(masked.get("session").asText()).isEqualTo(dialogflow.get("session").asText());

        ObjectNode customIntegration = JSON.createObjectNode().put("convId", "c-1").put("message", "card 4111111111111111");
        assertThat(run("third-party-bots-pre-hook", customIntegration, Map.of()).get("message").asText()).isEqualTo("card [card number removed]");
    }

    @Test
    void thePostHookDropsEmptyMessagesAndFillsAnEmptyAnswer() {
        ObjectNode response = JSON.createObjectNode();
        response.putObject("context");
        response.putArray("messages").add("Sure!").add(" ");
        assertThat(run("third-party-bots-post-hook", response, Map.of()).get("messages")).extracting(JsonNode::asText).containsExactly("Sure!");

        response.putArray("messages");
        assertThat(run("third-party-bots-post-hook", response, Map.of()).get("messages")).extracting(JsonNode::asText)
                .containsExactly("Sorry, I did not get that. Could you rephrase?");
    }

    @Test
    void theCustomIntegrationBotGreetsAWelcomeEventTransfersWhenAskedForAnAgentAndEchoesOtherwise() {
        ObjectNode payload = sample("bot_connectors_custom_integration");
        JsonNode echo = run("third-party-bots-custom-integration", payload, Map.of());
        assertThat(echo.get("messages").get(0).asText()).startsWith("Welcome back").contains("You said: I would like to change");

        payload.put("message", "let me talk to an agent");
        JsonNode transfer = run("third-party-bots-custom-integration", payload, Map.of("AGENT_SKILL", "sales"));
        assertThat(transfer.at("/context/action").asText()).isEqualTo("TRANSFER");
        assertThat(transfer.at("/context/actionParameters/skill").asText()).isEqualTo("sales");

        ObjectNode welcome = JSON.createObjectNode().put("convId", "c-2");
        welcome.putObject("event").put("name", "WELCOME");
        welcome.putObject("context").putObject("lpEvent");
        assertThat(run("third-party-bots-custom-integration", welcome, Map.of()).at("/messages/0").asText()).startsWith("Hi, I am the bot");
    }

    @Test
    void theErrorHookSendsNothingBack() {
        assertThat(run("third-party-bots-error-hook", sample("bot_connectors_error_hook"), Map.of()).isNull()).isTrue();
    }

    @Test
    void theChatSurveyTemplateEmailsTheQualityTeamAfterAPoorRatingOnly() {
        ObjectNode payload = sample("denver_post_survey_email_transcript");
        JsonNode emails = run("chat-post-survey-email-transcript", payload, Map.of("QUALITY_TEAM_EMAIL", "qa@example.com"));
        assertThat(emails).hasSize(1);
        assertThat(emails.at("/0/targetEmail").asText()).isEqualTo("qa@example.com");
        assertThat(emails.at("/0/subject").asText()).contains("John Doe");

        payload.put("csatRank", 5);
        payload.putArray("questionWithAnswers").addObject().put("question", "How was it?").put("answer", "Excellent");
        assertThat(run("chat-post-survey-email-transcript", payload, Map.of())).isEmpty();
    }

    @Test
    void theConversationalCommandRepliesAStringAndAnErrorWhenThereIsNothingToEcho() {
        ObjectNode payload = sample("conversational_command");
        assertThat(run("conversational-command", payload, Map.of()).asText()).isEqualTo("this message");

        payload.putArray("arguments").add("42");
        assertThat(run("conversational-command", payload, Map.of()).asText()).isEqualTo("42");

        payload.putArray("arguments").add("echo");
        ExecutionResult failed = ShippedTemplatesTest.run(templates.get("conversational-command"), payload, Map.of(), List.of());
        assertThat(failed.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(failed.error().errorMsg()).contains("Nothing to echo");
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
        SECRETS.put("acme/my-secret-rotations", "0");

        JsonNode body = run("secret-storage", JSON.createObjectNode().put("rotations", 4), Map.of());

        assertThat(body.get("rotations").asInt()).isEqualTo(5);
        assertThat(SECRETS.get("acme/my-secret-rotations")).isEqualTo("5");
    }
}
