package io.switchboard.eventtypes.api;

import io.switchboard.core.api.event.EventTypeDefinition;
import java.util.Objects;

/**
 * One {@code event-types/<id>/} folder, read.
 *
 * @param folder the folder's path in its bundle, e.g. {@code event-types/controllerbot_messaging_conversation_end}
 * @param definition the event type it describes (with the retries of {@code definition.json})
 * @param configurationPid the PID of the family's configuration, whose {@code retries} key overrides the folder's, or
 *        null when the family has none
 */
public record EventTypeFolder(String folder, EventTypeDefinition definition, String configurationPid) {
    public EventTypeFolder {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(definition, "definition");
    }
}
