package io.switchboard.source.postconversationsurvey.internal;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import org.osgi.service.component.annotations.Component;

/** Contributes the Messaging Survey Ended event type. */
@Component(service = EventTypeProvider.class)
@EventTypeId(PostConversationSurveyEvent.Ids.SURVEY_ENDED)
public final class SurveyEnded implements EventTypeProvider {

    private static final EventTypeDefinition DEFINITION = PostConversationSurveyEvent.SURVEY_ENDED.definition();

    @Override
    public EventTypeDefinition definition() {
        return DEFINITION;
    }
}
