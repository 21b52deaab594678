package io.switchboard.source.systemmessages.internal;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import org.osgi.service.component.annotations.Component;

/** Contributes the Messaging Consumer Step Up event type. */
@Component(service = EventTypeProvider.class)
@EventTypeId(SystemMessagesEvent.Ids.CONSUMER_STEP_UP)
public final class ConsumerStepUp implements EventTypeProvider {

    private static final EventTypeDefinition DEFINITION = SystemMessagesEvent.CONSUMER_STEP_UP.definition();

    @Override
    public EventTypeDefinition definition() {
        return DEFINITION;
    }
}
