package io.switchboard.source.conversationalcommands.internal;

import io.switchboard.camel.api.EventSourceRoutes;
import org.apache.camel.RoutesBuilder;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The webhook of each of this bundle's {@code event-types/} folders: {@code POST /events/conversational-commands/commands/
 * {commandName}} runs the function named like the command and answers its reply (LivePerson's Conversational Command).
 */
@Component(service = RoutesBuilder.class)
public final class ConversationalCommandRoutes extends EventSourceRoutes {

    @Activate
    public ConversationalCommandRoutes(BundleContext context) {
        super(context.getBundle(), null);
    }
}
