package io.switchboard.source.thirdpartybots.internal;

import io.switchboard.source.testkit.EventTypeFoldersContract;
import java.util.List;
import java.util.Map;

/** The Third-Party Bots events: the bot connector's payloads and LivePerson's bot responses (TPB-CI, TPB-HK). */
class EventTypeFoldersTest extends EventTypeFoldersContract {

    private static final String CUSTOM = "bot_connectors_custom_integration";
    private static final String ERROR = "bot_connectors_error_hook";
    private static final String POST = "bot_connectors_post_hook";
    private static final String PRE = "bot_connectors_pre_hook";

    @Override
    protected List<String> expectedIds() {
        return List.of(CUSTOM, ERROR, POST, PRE);
    }

    @Override
    protected Map<String, List<String>> validResults() {
        return Map.of(
                CUSTOM, List.of(
                        "{\"messages\": [\"Message one\", \"Message two\"]}",
                        "{\"messages\": [\"Please wait\"], \"context\": {\"action\": \"TRANSFER\", \"actionParameters\": {\"skill\": \"bot-escalation\", \"agentId\": \"4129463410\"}}}",
                        "{\"messages\": [\"Bye\"], \"context\": {\"action\": \"CLOSE_CONVERSATION\", \"actionParameters\": {\"withoutPcs\": true}}}",
                        "{\"messages\": [\"Urgent\"], \"context\": {\"action\": \"CHANGE_TTR\", \"actionParameters\": {\"ttrType\": \"URGENT\"}}}",
                        "{\"messages\": [], \"context\": {\"action\": \"INVOCATION\", \"actionParameters\": {\"lambdaUuid\": \"4ec49ffc-080b-4e59-b302-18d6b826191b\", \"payload\": \"{ some: stuff }\", \"failOnError\": true}}}",
                        "{\"messages\": [\"Hi\", {\"delay\": 5, \"typing\": true}, {\"structuredContent\": {\"type\": \"vertical\", \"elements\": []}, \"metadata\": {\"type\": \"ExternalId\", \"id\": \"12345\"}}, {\"text\": \"private\", \"messageAudience\": \"AGENTS_AND_MANAGERS\"}]}",
                        "{\"messages\": [\"Intent\"], \"context\": {\"intentId\": \"intent-info-example\", \"intentName\": \"Intent\", \"confidenceScore\": 1, \"encodedMetadata\": \"ewoic29tZUluZm8iOiAiSSB3YXMgZW5jb2RlZCIKfQ==\"}}"),
                PRE, List.of("{\"queryInput\": {\"text\": {\"text\": \"hi preHook\", \"languageCode\": \"en-US\"}}}"),
                POST, List.of("{\"context\": {}, \"messages\": [\"changed by the post hook\"]}"),
                ERROR, List.of("null", "{\"anything\": true}"));
    }

    @Override
    protected Map<String, List<String>> brokenResults() {
        return Map.of(
                CUSTOM, List.of(
                        "{\"messages\": [\"x\"], \"actions\": [{\"name\": \"TRANSFER\"}], \"context\": {\"action\": \"TRANSFER\"}}",
                        "{\"context\": {\"action\": \"DANCE\"}}",
                        "{\"context\": {\"action\": \"INVOCATION\", \"actionParameters\": {}}}",
                        "{\"context\": {\"action\": \"CHANGE_TTR\", \"actionParameters\": {\"ttrType\": \"SOON\"}}}",
                        "{\"messages\": [{\"text\": \"private\", \"messageAudience\": \"EVERYONE\"}]}",
                        "{\"context\": {\"confidenceScore\": 2}}",
                        "\"text\"", "null"),
                PRE, List.of("null", "\"text\""),
                POST, List.of("[]"));
    }

    @Override
    protected Map<String, List<String>> refusedPayloads() {
        return Map.of(
                CUSTOM, List.of("{\"message\": 5}", "{\"event\": \"WELCOME\"}", "{\"context\": {\"lpSdes\": []}}"),
                ERROR, List.of("{\"error\": \"x\"}", "{\"vendor\": 1}"),
                PRE, List.of("[]"),
                POST, List.of("\"text\""));
    }
}
