package io.switchboard.source.postconversationsurvey.internal;

import io.switchboard.source.testkit.EventTypeFoldersContract;
import java.util.List;
import java.util.Map;

/** Survey Started and Ended: flat payloads as LivePerson documents them; the messaging commands, or anything else meaning none. */
class EventTypeFoldersTest extends EventTypeFoldersContract {

    private static final List<String> IDS = List.of("surveybot_messaging_survey_ended", "surveybot_messaging_survey_started");
    private static final List<String> VALID = List.of("\"ok\"", "null", "true", "{\"ok\": true}", "[]",
            "{\"type\": \"closeConversation\"}", "[{\"type\": \"systemMessage\", \"text\": \"Thanks for your feedback!\"}]");
    private static final List<String> BROKEN = List.of("{\"type\": \"sendMessage\", \"text\": \"old\"}", "[\"ok\"]",
            "[{\"type\": \"transfer\"}]");

    @Override
    protected List<String> expectedIds() {
        return IDS;
    }

    @Override
    protected Map<String, List<String>> validResults() {
        return Map.of(IDS.get(0), VALID, IDS.get(1), VALID);
    }

    @Override
    protected Map<String, List<String>> brokenResults() {
        return Map.of(IDS.get(0), BROKEN, IDS.get(1), BROKEN);
    }

    @Override
    protected Map<String, List<String>> refusedPayloads() {
        List<String> refused = List.of("{\"surveyId\": {}}", "{\"participants\": {}}", "{\"firstConversation\": \"no\"}",
                "{\"ttr\": {\"value\": \"600\"}}");
        return Map.of(IDS.get(0), refused, IDS.get(1), refused);
    }
}
