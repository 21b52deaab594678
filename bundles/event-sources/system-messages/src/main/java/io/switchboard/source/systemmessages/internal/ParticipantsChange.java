package io.switchboard.source.systemmessages.internal;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import org.osgi.service.component.annotations.Component;

/** Contributes the Messaging Participants Change event type. */
@Component(service = EventTypeProvider.class)
@EventTypeId(SystemMessagesEvent.Ids.PARTICIPANTS_CHANGE)
public final class ParticipantsChange implements EventTypeProvider {

    private static final EventTypeDefinition DEFINITION = SystemMessagesEvent.PARTICIPANTS_CHANGE.definition();

    @Override
    public EventTypeDefinition definition() {
        return DEFINITION;
    }
}
