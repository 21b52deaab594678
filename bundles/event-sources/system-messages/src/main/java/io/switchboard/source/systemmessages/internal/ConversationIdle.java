package io.switchboard.source.systemmessages.internal;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import org.osgi.service.component.annotations.Component;

/** Contributes the Messaging Conversation Idle event type. */
@Component(service = EventTypeProvider.class)
@EventTypeId(SystemMessagesEvent.Ids.CONVERSATION_IDLE)
public final class ConversationIdle implements EventTypeProvider {

    private static final EventTypeDefinition DEFINITION = SystemMessagesEvent.CONVERSATION_IDLE.definition();

    @Override
    public EventTypeDefinition definition() {
        return DEFINITION;
    }
}
