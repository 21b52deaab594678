package io.switchboard.source.systemmessages.internal;

import io.switchboard.camel.api.EventTypeResources;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.InvocationMode;

/** The event types of the System Messages family: limit 1, per skill (skill at /skillId), ASYNC. */
enum SystemMessagesEvent {
    CONVERSATION_END(Ids.CONVERSATION_END, "conversation-end", "Messaging Conversation End",
            "Triggered when the conversation is closed by agent, consumer or system."),
    CONVERSATION_IDLE(Ids.CONVERSATION_IDLE, "conversation-idle", "Messaging Conversation Idle",
            "Triggered when agent or consumer is not responsive, or the conversation waits in queue, for longer than the configured time."),
    CONVERSATION_ROUTING(Ids.CONVERSATION_ROUTING, "conversation-routing", "Messaging Conversation Routing",
            "Triggered when the conversation is transferred to a different skill."),
    LINE_IN_OFF_HOURS(Ids.LINE_IN_OFF_HOURS, "line-in-off-hours", "Messaging Line in Off-Hours",
            "Triggered when a consumer writes during off-hours in a conversation opened during office hours."),
    CONSUMER_STEP_UP(Ids.CONSUMER_STEP_UP, "consumer-step-up", "Messaging Consumer Step Up",
            "Triggered when the consumer authenticates during the conversation."),
    NEW_CONVERSATION(Ids.NEW_CONVERSATION, "new-conversation", "Messaging New Conversation",
            "Triggered for every new messaging conversation. Not for routing: use a routing bot."),
    TTR(Ids.TTR, "ttr", "Messaging TTR",
            "Triggered when the consumer marks or unmarks a response as urgent, or the agent changes the response time."),
    PARTICIPANTS_CHANGE(Ids.PARTICIPANTS_CHANGE, "participants-change", "Messaging Participants Change",
            "Triggered when an agent or consumer joins or leaves the conversation.");

    static final String FAMILY = "System Messages";
    static final String PATH_PREFIX = "/events/system-messages/";
    static final int LIMIT = 1;

    private final String id;
    private final String slug;
    private final String displayName;
    private final String description;

    SystemMessagesEvent(String id, String slug, String displayName, String description) {
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
        EventTypeResources resources = EventTypeResources.load(SystemMessagesEvent.class, "event-types/" + id);
        return new EventTypeDefinition(id, displayName, description, FAMILY, LIMIT, true, "/skillId",
                InvocationMode.ASYNC, resources.payloadSchema(), resources.samplePayload(), resources.resultShape(),
                webhookPath());
    }

    /** The ids, as constants for the providers' component properties. */
    static final class Ids {
    static final String CONVERSATION_END = "messaging_conversation_end";
    static final String CONVERSATION_IDLE = "messaging_conversation_idle";
    static final String CONVERSATION_ROUTING = "messaging_conversation_routing";
    static final String LINE_IN_OFF_HOURS = "messaging_line_in_off_hours";
    static final String CONSUMER_STEP_UP = "messaging_consumer_step_up";
    static final String NEW_CONVERSATION = "messaging_new_conversation";
    static final String TTR = "messaging_ttr";
    static final String PARTICIPANTS_CHANGE = "messaging_participants_change";

        private Ids() {
        }
    }
}
