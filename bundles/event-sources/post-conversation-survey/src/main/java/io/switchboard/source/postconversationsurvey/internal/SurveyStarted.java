package io.switchboard.source.postconversationsurvey.internal;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import org.osgi.service.component.annotations.Component;

/** Contributes the Messaging Survey Started event type. */
@Component(service = EventTypeProvider.class)
@EventTypeId(PostConversationSurveyEvent.Ids.SURVEY_STARTED)
public final class SurveyStarted implements EventTypeProvider {

    private static final EventTypeDefinition DEFINITION = PostConversationSurveyEvent.SURVEY_STARTED.definition();

    @Override
    public EventTypeDefinition definition() {
        return DEFINITION;
    }
}
