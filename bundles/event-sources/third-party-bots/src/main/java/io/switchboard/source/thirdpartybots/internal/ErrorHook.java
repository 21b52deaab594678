package io.switchboard.source.thirdpartybots.internal;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import org.osgi.service.component.annotations.Component;

/** Contributes the Third-Party Bots Error Hook event type. */
@Component(service = EventTypeProvider.class)
@EventTypeId(ThirdPartyBotsEvent.Ids.ERROR_HOOK)
public final class ErrorHook implements EventTypeProvider {

    private static final EventTypeDefinition DEFINITION = ThirdPartyBotsEvent.ERROR_HOOK.definition();

    @Override
    public EventTypeDefinition definition() {
        return DEFINITION;
    }
}
