package io.switchboard.core.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.core.api.event.ResultDelivery;
import io.switchboard.core.internal.json.Json;

class ResultCombinerTest {

    private static JsonNode combine(ResultDelivery delivery, String... results) throws Exception {
        return Json.parse(ResultCombiner.combine(delivery, Arrays.asList(results)));
    }

    private static JsonNode json(String text) throws Exception {
        return Json.parse(text);
    }

    @Test
    void aMessagingFunctionThatReturnsNothingAsksForTheDefaultAutomaticMessage() throws Exception {
        assertThat(combine(ResultDelivery.COMMANDS, "null")).isEqualTo(json("{\"commands\":[],\"useDefaultAutoMessage\":true}"));
        assertThat(combine(ResultDelivery.COMMANDS, (String) null)).isEqualTo(json("{\"commands\":[],\"useDefaultAutoMessage\":true}"));
    }

    @Test
    void anEmptyListAsksForNothing() throws Exception {
        assertThat(combine(ResultDelivery.COMMANDS, "[]")).isEqualTo(json("{\"commands\":[],\"useDefaultAutoMessage\":false}"));
    }

    @Test
    void oneCommandBecomesAListAndOnlyTheFirstCommandOfEachTypeCounts() throws Exception {
        assertThat(combine(ResultDelivery.COMMANDS, "{\"type\":\"closeConversation\"}"))
                .isEqualTo(json("{\"commands\":[{\"type\":\"closeConversation\"}],\"useDefaultAutoMessage\":false}"));
        assertThat(combine(ResultDelivery.COMMANDS, "[{\"type\":\"systemMessage\",\"text\":\"first\"},{\"type\":\"transfer\",\"skillId\":\"12\"},"
                + "{\"type\":\"systemMessage\",\"text\":\"second\"},{\"type\":\"transfer\",\"agentId\":\"7\"}]"))
                .isEqualTo(json("{\"commands\":[{\"type\":\"systemMessage\",\"text\":\"first\"},{\"type\":\"transfer\",\"skillId\":\"12\"}],"
                        + "\"useDefaultAutoMessage\":false}"));
    }

    @Test
    void severalFunctionsCombineInTheirNameOrderAndAMessageOfOneSilencesTheDefaultMessage() throws Exception {
        assertThat(combine(ResultDelivery.COMMANDS, "[{\"type\":\"transfer\",\"skillId\":\"1\"}]", "null",
                "[{\"type\":\"transfer\",\"skillId\":\"2\"},{\"type\":\"systemMessage\",\"text\":\"hi\"}]"))
                .isEqualTo(json("{\"commands\":[{\"type\":\"transfer\",\"skillId\":\"1\"},{\"type\":\"systemMessage\",\"text\":\"hi\"}],"
                        + "\"useDefaultAutoMessage\":false}"));
        assertThat(combine(ResultDelivery.COMMANDS, "[{\"type\":\"transfer\",\"skillId\":\"1\"}]", "null"))
                .isEqualTo(json("{\"commands\":[{\"type\":\"transfer\",\"skillId\":\"1\"}],\"useDefaultAutoMessage\":true}"));
    }

    @Test
    void aSurveyResultThatIsNoCommandIsNoCommandAndNeverTheDefaultMessage() throws Exception {
        JsonNode none = json("{\"commands\":[],\"useDefaultAutoMessage\":false}");
        assertThat(combine(ResultDelivery.SURVEY_COMMANDS, "\"ok\"")).isEqualTo(none);
        assertThat(combine(ResultDelivery.SURVEY_COMMANDS, "null")).isEqualTo(none);
        assertThat(combine(ResultDelivery.SURVEY_COMMANDS, "{\"ok\":true}")).isEqualTo(none);
        assertThat(combine(ResultDelivery.SURVEY_COMMANDS, "{\"type\":\"closeConversation\"}"))
                .isEqualTo(json("{\"commands\":[{\"type\":\"closeConversation\"}],\"useDefaultAutoMessage\":false}"));
    }

    @Test
    void chatPostSurveyEmailsAreConcatenatedInFunctionNameOrder() throws Exception {
        String a = "{\"targetEmail\":\"a@example.com\",\"senderName\":\"A\",\"senderEmail\":\"s@example.com\",\"subject\":\"1\"}";
        String b = "{\"targetEmail\":\"b@example.com\",\"senderName\":\"B\",\"senderEmail\":\"s@example.com\",\"subject\":\"2\"}";
        assertThat(combine(ResultDelivery.EMAILS, "[" + a + "]", "null", "[" + b + "," + a + "]"))
                .isEqualTo(json("{\"emails\":[" + a + "," + b + "," + a + "]}"));
        assertThat(combine(ResultDelivery.EMAILS)).isEqualTo(json("{\"emails\":[]}"));
    }

    @Test
    void aCommandsReplyIsAStringOrNumberElseAGenericSuccess() throws Exception {
        assertThat(combine(ResultDelivery.COMMAND_REPLY, "\"echo this\"")).isEqualTo(json("\"echo this\""));
        assertThat(combine(ResultDelivery.COMMAND_REPLY, "42")).isEqualTo(json("42"));
        assertThat(combine(ResultDelivery.COMMAND_REPLY, "{\"reply\":\"x\"}").isNull()).isTrue();
        assertThat(combine(ResultDelivery.COMMAND_REPLY, "null").isNull()).isTrue();
    }

    @Test
    void aSingleResultGoesAsItIsAndSeveralAsTheirList() throws Exception {
        assertThat(combine(ResultDelivery.SINGLE, "{\"queryInput\":{\"text\":\"hi\"}}")).isEqualTo(json("{\"queryInput\":{\"text\":\"hi\"}}"));
        assertThat(combine(ResultDelivery.BOT_RESPONSE, "{\"messages\":[\"hi\"]}")).isEqualTo(json("{\"messages\":[\"hi\"]}"));
        assertThat(combine(ResultDelivery.SINGLE, "1", "2")).isEqualTo(json("[1,2]"));
        assertThat(combine(ResultDelivery.NONE, "{\"ignored\":true}").isNull()).isTrue();
        assertThat(ResultCombiner.combine(ResultDelivery.SINGLE, List.of("\"only\""))).isEqualTo("\"only\"");
    }
}
