package io.switchboard.source.systemmessages.internal;

import io.switchboard.source.testkit.EventTypeFoldersContract;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The eight Automatic Messages types: LivePerson's ids, nested payloads, and the commands LivePerson documents (ES-AM, INT-MC). */
class EventTypeFoldersTest extends EventTypeFoldersContract {

    static final List<String> IDS = List.of("controllerbot_messaging_consumer_step_up", "controllerbot_messaging_conversation_end",
            "controllerbot_messaging_conversation_idle", "controllerbot_messaging_conversation_routing",
            "controllerbot_messaging_mid_conversation_msg", "controllerbot_messaging_new_conversation",
            "controllerbot_messaging_participants_change", "controllerbot_messaging_ttr");

    /** LivePerson's example commands: one command or an array; no result; nothing ([]). */
    private static final List<String> VALID = List.of(
            "[{\"type\": \"systemMessage\", \"text\": \"your message\"}, {\"type\": \"transfer\", \"skillId\": \"123456\", \"agentId\": \"123456\"},"
                    + " {\"type\": \"closeConversation\"}]",
            "{\"type\": \"systemMessage\", \"text\": \"bye\"}",
            "{\"type\": \"transfer\", \"skillId\": 1788830771}",
            "{\"type\": \"transfer\", \"agentId\": \"le81295811.2947562310\"}",
            "null", "[]");
    private static final List<String> BROKEN = List.of(
            "{\"type\": \"sendMessage\", \"text\": \"Switchboard's old command\"}",
            "{\"type\": \"systemMessage\"}",
            "{\"type\": \"transfer\"}",
            "[{\"text\": \"no type\"}]",
            "\"just text\"", "42");

    @Override
    protected List<String> expectedIds() {
        return IDS;
    }

    @Override
    protected Map<String, List<String>> validResults() {
        return each(VALID);
    }

    @Override
    protected Map<String, List<String>> brokenResults() {
        return each(BROKEN);
    }

    @Override
    protected Map<String, List<String>> refusedPayloads() {
        return each(List.of("{\"general\": \"not an object\"}", "{\"general\": {\"inOffHours\": \"no\"}}", "{\"general\": {\"convId\": true}}",
                "{\"end\": {\"closeReason\": 3}}", "{\"routing\": {\"newSkillId\": {}}}", "{\"start\": {\"firstConversation\": \"yes\"}}"));
    }

    private static Map<String, List<String>> each(List<String> values) {
        Map<String, List<String>> byId = new HashMap<>();
        IDS.forEach(id -> byId.put(id, values));
        return byId;
    }
}
