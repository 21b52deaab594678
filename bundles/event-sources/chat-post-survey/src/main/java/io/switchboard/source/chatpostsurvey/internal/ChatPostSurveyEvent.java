package io.switchboard.source.chatpostsurvey.internal;

import io.switchboard.camel.api.EventTypeResources;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.InvocationMode;

/** The event types of the Chat Post Survey family: limit 10, no skills, ASYNC. */
enum ChatPostSurveyEvent {
    EMAIL_TRANSCRIPT(Ids.EMAIL_TRANSCRIPT, "email-transcript", "Chat Post Survey E-Mail Transcript",
            "Triggered after a chat conversation is finished and its CSAT survey has been submitted.");

    static final String FAMILY = "Chat Post Survey";
    static final String PATH_PREFIX = "/events/chat-post-survey/";
    static final int LIMIT = 10;

    private final String id;
    private final String slug;
    private final String displayName;
    private final String description;

    ChatPostSurveyEvent(String id, String slug, String displayName, String description) {
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
        EventTypeResources resources = EventTypeResources.load(ChatPostSurveyEvent.class, "event-types/" + id);
        return new EventTypeDefinition(id, displayName, description, FAMILY, LIMIT, false, null,
                InvocationMode.ASYNC, resources.payloadSchema(), resources.samplePayload(), resources.resultShape(),
                webhookPath());
    }

    /** The ids, as constants for the providers' component properties. */
    static final class Ids {
    static final String EMAIL_TRANSCRIPT = "chat_post_survey_email_transcript";

        private Ids() {
        }
    }
}
