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
import java.util.Optional;
import java.util.List;
import java.util.Set;

/** The result each event expects from a function, as the event sources define it. */
final class EventShapes {
    static final List<String> EVENT_TYPES = List.of(
            "chat_post_survey_email_transcript", "conversational_command",
            "messaging_conversation_end", "messaging_conversation_idle", "messaging_conversation_routing",
            "messaging_line_in_off_hours", "messaging_consumer_step_up", "messaging_new_conversation", "messaging_ttr",
            "messaging_participants_change", "messaging_survey_started", "messaging_survey_ended",
            "third_party_bots_custom_integration", "third_party_bots_pre_hook", "third_party_bots_post_hook",
            "third_party_bots_error_hook");
    private static final Set<String> COMMANDS = Set.of("systemMessage", "transfer", "closeConversation");

    private EventShapes() {
    }

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    /** Checks a result against the event source's result schema where one exists, else against the documented shape. */
    static void assertShape(String eventType, JsonNode result) {
        Optional<Path> schema = eventType == null ? Optional.empty() : EventSourceFiles.find(eventType, "result.json");
        if (schema.isPresent()) {
            try (InputStream in = Files.newInputStream(schema.get())) {
                Set<ValidationMessage> errors = SCHEMAS.getSchema(in).validate(result);
                assertThat(errors).as("result %s against %s", result, schema.get()).isEmpty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        if (eventType == null) {
            assertThat(result.isObject()).as("a no-event template answers an object: %s", result).isTrue();
        } else if (eventType.startsWith("messaging_")) {
            assertCallbackCommands(result);
        } else if (eventType.equals("conversational_command")) {
            assertThat(result.isNull() || result.path("reply").isTextual()).as("command reply %s", result).isTrue();
        } else if (eventType.equals("chat_post_survey_email_transcript")) {
            assertThat(result.path("sendTranscript").isBoolean()).as("transcript decision %s", result).isTrue();
            if (result.get("sendTranscript").booleanValue()) {
                assertThat(result.path("email").textValue()).as("address of %s", result).contains("@");
            }
        } else if (eventType.equals("third_party_bots_pre_hook")) {
            assertThat(result.path("message").isTextual()).as("changed message %s", result).isTrue();
        } else {
            assertThat(result.path("messages").isArray()).as("bot messages %s", result).isTrue();
            result.get("messages").forEach(message -> assertThat(message.isTextual()).as("message %s", message).isTrue());
        }
    }

    static void assertCallbackCommands(JsonNode result) {
        assertThat(result.isArray()).as("callback commands %s", result).isTrue();
        for (JsonNode command : result) {
            String type = command.path("type").asText();
            assertThat(COMMANDS).as("command type of %s", command).contains(type);
            if (type.equals("systemMessage")) {
                assertThat(command.path("text").isTextual()).as("text of %s", command).isTrue();
            }
            if (type.equals("transfer")) {
                assertThat(command.has("skillId") || command.has("agentId")).as("target of %s", command).isTrue();
            }
        }
    }
}
