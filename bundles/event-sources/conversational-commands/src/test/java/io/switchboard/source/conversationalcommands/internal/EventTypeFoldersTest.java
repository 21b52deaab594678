package io.switchboard.source.conversationalcommands.internal;

import io.switchboard.source.testkit.EventTypeFoldersContract;
import java.util.List;
import java.util.Map;

/** Conversational Command: {conversationId, arguments}; any result is a reply or a generic success (ES-CC). */
class EventTypeFoldersTest extends EventTypeFoldersContract {

    private static final String ID = "conversational_command";

    @Override
    protected List<String> expectedIds() {
        return List.of(ID);
    }

    @Override
    protected Map<String, List<String>> validResults() {
        return Map.of(ID, List.of("\"echo this message\"", "42", "null", "{\"sent\": true}", "[1, 2]", "true"));
    }

    @Override
    protected Map<String, List<String>> brokenResults() {
        return Map.of();
    }

    @Override
    protected Map<String, List<String>> refusedPayloads() {
        return Map.of(ID, List.of("{\"arguments\": \"echo\"}", "{\"arguments\": [1, 2]}", "{\"conversationId\": {}}"));
    }
}
