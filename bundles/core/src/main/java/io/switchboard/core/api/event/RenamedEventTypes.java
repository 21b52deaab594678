package io.switchboard.core.api.event;

import java.util.Map;
import java.util.Optional;

/**
 * The event type ids Switchboard used before it took LivePerson's (issue 11), with the id that replaced each. The old
 * ids are not aliases: nothing accepts them; this table only lets the platform name the new id when an old one turns
 * up (configuration in {@code etc/}, a template, an API call).
 */
public final class RenamedEventTypes {

    /** Old id to new id. */
    public static final Map<String, String> OLD_TO_NEW = Map.ofEntries(
            Map.entry("messaging_new_conversation", "controllerbot_messaging_new_conversation"),
            Map.entry("messaging_conversation_end", "controllerbot_messaging_conversation_end"),
            Map.entry("messaging_conversation_idle", "controllerbot_messaging_conversation_idle"),
            Map.entry("messaging_conversation_routing", "controllerbot_messaging_conversation_routing"),
            Map.entry("messaging_line_in_off_hours", "controllerbot_messaging_mid_conversation_msg"),
            Map.entry("messaging_participants_change", "controllerbot_messaging_participants_change"),
            Map.entry("messaging_ttr", "controllerbot_messaging_ttr"),
            Map.entry("messaging_consumer_step_up", "controllerbot_messaging_consumer_step_up"),
            Map.entry("messaging_survey_started", "surveybot_messaging_survey_started"),
            Map.entry("messaging_survey_ended", "surveybot_messaging_survey_ended"),
            Map.entry("third_party_bots_custom_integration", "bot_connectors_custom_integration"),
            Map.entry("third_party_bots_pre_hook", "bot_connectors_pre_hook"),
            Map.entry("third_party_bots_post_hook", "bot_connectors_post_hook"),
            Map.entry("third_party_bots_error_hook", "bot_connectors_error_hook"),
            Map.entry("chat_post_survey_email_transcript", "denver_post_survey_email_transcript"));

    private RenamedEventTypes() {
    }

    /** The id that replaced an old one, or empty when {@code id} is not an old id. */
    public static Optional<String> replacementOf(String id) {
        return Optional.ofNullable(id == null ? null : OLD_TO_NEW.get(id));
    }

    /** A sentence for an error or a warning about {@code id}: "it was renamed to X", or empty for an id that never was ours. */
    public static String hint(String id) {
        return replacementOf(id).map(next -> "; '" + id + "' was renamed to '" + next + "' (LivePerson's id)").orElse("");
    }
}
