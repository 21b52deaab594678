package io.switchboard.source.systemmessages.internal;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import org.osgi.service.component.annotations.Component;

/** Contributes the Messaging Line in Off-Hours event type. */
@Component(service = EventTypeProvider.class)
@EventTypeId(SystemMessagesEvent.Ids.LINE_IN_OFF_HOURS)
public final class LineInOffHours implements EventTypeProvider {

    private static final EventTypeDefinition DEFINITION = SystemMessagesEvent.LINE_IN_OFF_HOURS.definition();

    @Override
    public EventTypeDefinition definition() {
        return DEFINITION;
    }
}
