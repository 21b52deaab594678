package io.switchboard.source.thirdpartybots.internal;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import org.osgi.service.component.annotations.Component;

/** Contributes the Third-Party Bots Post Hook event type. */
@Component(service = EventTypeProvider.class)
@EventTypeId(ThirdPartyBotsEvent.Ids.POST_HOOK)
public final class PostHook implements EventTypeProvider {

    private static final EventTypeDefinition DEFINITION = ThirdPartyBotsEvent.POST_HOOK.definition();

    @Override
    public EventTypeDefinition definition() {
        return DEFINITION;
    }
}
