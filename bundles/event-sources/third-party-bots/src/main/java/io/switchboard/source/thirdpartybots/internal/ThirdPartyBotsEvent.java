package io.switchboard.source.thirdpartybots.internal;

import io.switchboard.camel.api.EventTypeResources;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.InvocationMode;

/** The event types of the Third-Party Bots family: limit 15, no skills, SYNC. */
enum ThirdPartyBotsEvent {
    CUSTOM_INTEGRATION(Ids.CUSTOM_INTEGRATION, "custom-integration", "Third-Party Bots Custom Integration",
            "Triggered when a bot using the Custom Integration receives a message; the function is the bot."),
    PRE_HOOK(Ids.PRE_HOOK, "pre-hook", "Third-Party Bots Pre Hook",
            "Triggered when a bot receives a message, before the vendor gets it."),
    POST_HOOK(Ids.POST_HOOK, "post-hook", "Third-Party Bots Post Hook",
            "Triggered after the vendor answered, before the consumer gets the answer."),
    ERROR_HOOK(Ids.ERROR_HOOK, "error-hook", "Third-Party Bots Error Hook",
            "Triggered when the vendor bot failed.");

    static final String FAMILY = "Third-Party Bots";
    static final String PATH_PREFIX = "/events/third-party-bots/";
    static final int LIMIT = 15;

    private final String id;
    private final String slug;
    private final String displayName;
    private final String description;

    ThirdPartyBotsEvent(String id, String slug, String displayName, String description) {
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
        EventTypeResources resources = EventTypeResources.load(ThirdPartyBotsEvent.class, "event-types/" + id);
        return new EventTypeDefinition(id, displayName, description, FAMILY, LIMIT, false, null,
                InvocationMode.SYNC, resources.payloadSchema(), resources.samplePayload(), resources.resultShape(),
                webhookPath());
    }

    /** The ids, as constants for the providers' component properties. */
    static final class Ids {
    static final String CUSTOM_INTEGRATION = "third_party_bots_custom_integration";
    static final String PRE_HOOK = "third_party_bots_pre_hook";
    static final String POST_HOOK = "third_party_bots_post_hook";
    static final String ERROR_HOOK = "third_party_bots_error_hook";

        private Ids() {
        }
    }
}
