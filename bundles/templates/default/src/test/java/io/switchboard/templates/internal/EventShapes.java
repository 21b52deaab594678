package io.switchboard.templates.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The result each event expects from a function: the result schema ({@code result-schema.json}) its event source ships. */
final class EventShapes {
    static final List<String> EVENT_TYPES = List.of(
            "denver_post_survey_email_transcript", "conversational_command",
            "controllerbot_messaging_conversation_end", "controllerbot_messaging_conversation_idle",
            "controllerbot_messaging_conversation_routing", "controllerbot_messaging_mid_conversation_msg",
            "controllerbot_messaging_consumer_step_up", "controllerbot_messaging_new_conversation", "controllerbot_messaging_ttr",
            "controllerbot_messaging_participants_change", "surveybot_messaging_survey_started", "surveybot_messaging_survey_ended",
            "bot_connectors_custom_integration", "bot_connectors_pre_hook", "bot_connectors_post_hook", "bot_connectors_error_hook");
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private EventShapes() {
    }

    static void assertShape(String eventType, JsonNode result) {
        if (eventType == null) {
            assertThat(result.isObject()).as("a template without event answers an object: %s", result).isTrue();
            return;
        }
        Path shipped = EventSourceFiles.find(eventType, "result-schema.json").orElseThrow(() -> new AssertionError(
                "no event source of this repository ships " + eventType));
        try (InputStream in = Files.newInputStream(shipped)) {
            Set<ValidationMessage> errors = SCHEMAS.getSchema(in).validate(result);
            assertThat(errors).as("result %s of %s against %s", result, eventType, shipped).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Messaging commands: nothing, one command or a list of them. */
    static void assertMessagingCommands(JsonNode result) {
        assertShape("controllerbot_messaging_conversation_end", result);
    }
}
