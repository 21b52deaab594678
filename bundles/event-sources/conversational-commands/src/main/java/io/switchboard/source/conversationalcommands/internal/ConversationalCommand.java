package io.switchboard.source.conversationalcommands.internal;

import io.switchboard.camel.api.EventTypeResources;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import io.switchboard.core.api.event.InvocationMode;
import org.osgi.service.component.annotations.Component;

/** The Conversational Command event: synchronous, up to 30 functions, no skills. */
@Component(service = EventTypeProvider.class)
@EventTypeId(ConversationalCommand.ID)
public final class ConversationalCommand implements EventTypeProvider {

    static final String ID = "conversational_command";
    static final String WEBHOOK_PATH = "/events/conversational-commands/command";

    private static final EventTypeResources RESOURCES = EventTypeResources.load(ConversationalCommand.class, "event-types/" + ID);
    private static final EventTypeDefinition DEFINITION = new EventTypeDefinition(ID, "Conversational Command",
            "An agent typed \"/name args\" in the agent workspace; every function gets the command and may reply.",
            "Conversational Commands", 30, false, null, InvocationMode.SYNC,
            RESOURCES.payloadSchema(), RESOURCES.samplePayload(), RESOURCES.resultShape(), WEBHOOK_PATH);

    @Override
    public EventTypeDefinition definition() {
        return DEFINITION;
    }
}
