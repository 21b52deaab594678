package io.switchboard.source.chatpostsurvey.internal;

import io.switchboard.camel.api.CallbackConfiguration;
import io.switchboard.camel.api.EventSourceRoutes;
import org.apache.camel.RoutesBuilder;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The routes of the Chat Post Survey family: for each of this bundle's
 * {@code event-types/} folders its webhook, and the delivery of each settled event's e-mails to the account's
 * callback, as configured under {@value #PID} (whose {@code retries} the event-type extender reads). The keys are
 * {@link CallbackConfiguration}'s: no metatype of their own, since bnd only designates an OCD declared in this bundle.
 */
@Component(service = RoutesBuilder.class, configurationPid = ChatPostSurveyRoutes.PID)
public final class ChatPostSurveyRoutes extends EventSourceRoutes {

    static final String PID = "io.switchboard.source.chatpostsurvey";

    @Activate
    public ChatPostSurveyRoutes(BundleContext context, CallbackConfiguration config) {
        super(context.getBundle(), callbacks(config));
    }
}
