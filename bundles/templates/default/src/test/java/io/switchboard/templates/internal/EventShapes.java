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
import java.util.Optional;
import java.util.Set;

/**
 * The result each event expects from a function: the result schema ({@code result.json}) of the event source that
 * defines the event, or this module's copy of it (test resources {@code results/}) when the event source is not in
 * the source tree.
 */
final class EventShapes {
    static final List<String> EVENT_TYPES = List.of(
            "chat_post_survey_email_transcript", "conversational_command",
            "messaging_conversation_end", "messaging_conversation_idle", "messaging_conversation_routing",
            "messaging_line_in_off_hours", "messaging_consumer_step_up", "messaging_new_conversation", "messaging_ttr",
            "messaging_participants_change", "messaging_survey_started", "messaging_survey_ended",
            "third_party_bots_custom_integration", "third_party_bots_pre_hook", "third_party_bots_post_hook",
            "third_party_bots_error_hook");
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private EventShapes() {
    }

    static void assertShape(String eventType, JsonNode result) {
        if (eventType == null) {
            assertThat(result.isObject()).as("a template without event answers an object: %s", result).isTrue();
            return;
        }
        Optional<Path> shipped = EventSourceFiles.find(eventType, "result.json");
        try (InputStream in = shipped.isPresent() ? Files.newInputStream(shipped.get())
                : EventShapes.class.getResourceAsStream("/results/" + eventType + ".json")) {
            assertThat(in).as("result schema of " + eventType).isNotNull();
            Set<ValidationMessage> errors = SCHEMAS.getSchema(in).validate(result);
            assertThat(errors).as("result %s of %s against %s", result, eventType,
                    shipped.map(Path::toString).orElse("results/" + eventType + ".json")).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Messaging callback commands: null, one command or a list of them. */
    static void assertCallbackCommands(JsonNode result) {
        assertShape("messaging_conversation_end", result);
    }
}
