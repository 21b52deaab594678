package io.switchboard.source.postconversationsurvey.internal;

import io.switchboard.camel.api.EventTypeResources;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.InvocationMode;

/** The event types of the Post Conversation Survey family: limit 1, per skill (skill at /skillId), ASYNC. */
enum PostConversationSurveyEvent {
    SURVEY_STARTED(Ids.SURVEY_STARTED, "survey-started", "Messaging Survey Started",
            "Triggered when a messaging post-conversation survey started."),
    SURVEY_ENDED(Ids.SURVEY_ENDED, "survey-ended", "Messaging Survey Ended",
            "Triggered when a messaging post-conversation survey ended.");

    static final String FAMILY = "Post Conversation Survey";
    static final String PATH_PREFIX = "/events/post-conversation-survey/";
    static final int LIMIT = 1;

    private final String id;
    private final String slug;
    private final String displayName;
    private final String description;

    PostConversationSurveyEvent(String id, String slug, String displayName, String description) {
        this.id = id;
        this.slug = slug;
        this.displayName = displayName;
        this.description = description;
    }

    String id() {
        return id;
    }

    String webhookPath() {
        return PATH_PREFIX + slug;
    }

    /** Reads the schema, sample and result shape from this bundle's event-types/&lt;id&gt;/ folder. */
    EventTypeDefinition definition() {
        EventTypeResources resources = EventTypeResources.load(PostConversationSurveyEvent.class, "event-types/" + id);
        return new EventTypeDefinition(id, displayName, description, FAMILY, LIMIT, true, "/skillId",
                InvocationMode.ASYNC, resources.payloadSchema(), resources.samplePayload(), resources.resultShape(),
                webhookPath());
    }

    /** The ids, as constants for the providers' component properties. */
    static final class Ids {
    static final String SURVEY_STARTED = "messaging_survey_started";
    static final String SURVEY_ENDED = "messaging_survey_ended";

        private Ids() {
        }
    }
}
