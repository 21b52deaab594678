package io.switchboard.source.systemmessages.internal;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import org.osgi.service.component.annotations.Component;

/** Contributes the Messaging Conversation Routing event type. */
@Component(service = EventTypeProvider.class)
@EventTypeId(SystemMessagesEvent.Ids.CONVERSATION_ROUTING)
public final class ConversationRouting implements EventTypeProvider {

    private static final EventTypeDefinition DEFINITION = SystemMessagesEvent.CONVERSATION_ROUTING.definition();

    @Override
    public EventTypeDefinition definition() {
        return DEFINITION;
    }
}
