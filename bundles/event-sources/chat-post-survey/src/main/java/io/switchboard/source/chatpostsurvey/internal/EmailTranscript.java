package io.switchboard.source.chatpostsurvey.internal;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import org.osgi.service.component.annotations.Component;

/** Contributes the Chat Post Survey E-Mail Transcript event type. */
@Component(service = EventTypeProvider.class)
@EventTypeId(ChatPostSurveyEvent.Ids.EMAIL_TRANSCRIPT)
public final class EmailTranscript implements EventTypeProvider {

    private static final EventTypeDefinition DEFINITION = ChatPostSurveyEvent.EMAIL_TRANSCRIPT.definition();

    @Override
    public EventTypeDefinition definition() {
        return DEFINITION;
    }
}
