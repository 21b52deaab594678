package io.switchboard.source.systemmessages.internal;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import org.osgi.service.component.annotations.Component;

/** Contributes the Messaging New Conversation event type. */
@Component(service = EventTypeProvider.class)
@EventTypeId(SystemMessagesEvent.Ids.NEW_CONVERSATION)
public final class NewConversation implements EventTypeProvider {

    private static final EventTypeDefinition DEFINITION = SystemMessagesEvent.NEW_CONVERSATION.definition();

    @Override
    public EventTypeDefinition definition() {
        return DEFINITION;
    }
}
