package io.switchboard.source.thirdpartybots.internal;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import org.osgi.service.component.annotations.Component;

/** Contributes the Third-Party Bots Pre Hook event type. */
@Component(service = EventTypeProvider.class)
@EventTypeId(ThirdPartyBotsEvent.Ids.PRE_HOOK)
public final class PreHook implements EventTypeProvider {

    private static final EventTypeDefinition DEFINITION = ThirdPartyBotsEvent.PRE_HOOK.definition();

    @Override
    public EventTypeDefinition definition() {
        return DEFINITION;
    }
}
