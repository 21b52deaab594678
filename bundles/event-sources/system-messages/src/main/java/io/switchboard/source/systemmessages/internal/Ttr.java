package io.switchboard.source.systemmessages.internal;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import org.osgi.service.component.annotations.Component;

/** Contributes the Messaging TTR event type. */
@Component(service = EventTypeProvider.class)
@EventTypeId(SystemMessagesEvent.Ids.TTR)
public final class Ttr implements EventTypeProvider {

    private static final EventTypeDefinition DEFINITION = SystemMessagesEvent.TTR.definition();

    @Override
    public EventTypeDefinition definition() {
        return DEFINITION;
    }
}
