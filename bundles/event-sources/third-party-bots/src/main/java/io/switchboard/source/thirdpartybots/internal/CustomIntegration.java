package io.switchboard.source.thirdpartybots.internal;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import org.osgi.service.component.annotations.Component;

/** Contributes the Third-Party Bots Custom Integration event type. */
@Component(service = EventTypeProvider.class)
@EventTypeId(ThirdPartyBotsEvent.Ids.CUSTOM_INTEGRATION)
public final class CustomIntegration implements EventTypeProvider {

    private static final EventTypeDefinition DEFINITION = ThirdPartyBotsEvent.CUSTOM_INTEGRATION.definition();

    @Override
    public EventTypeDefinition definition() {
        return DEFINITION;
    }
}
