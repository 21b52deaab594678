package io.switchboard.source.postconversationsurvey.internal;

import io.switchboard.camel.api.CallbackConfiguration;
import io.switchboard.camel.api.EventSourceRoutes;
import org.apache.camel.RoutesBuilder;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The routes of the Post Conversation Survey family (the Survey Bot): for each of this bundle's
 * {@code event-types/} folders its webhook, and the delivery of each settled event's commands to the account's
 * callback, as configured under {@value #PID} (whose {@code retries} the event-type extender reads). The keys are
 * {@link CallbackConfiguration}'s: no metatype of their own, since bnd only designates an OCD declared in this bundle.
 */
@Component(service = RoutesBuilder.class, configurationPid = PostConversationSurveyRoutes.PID)
public final class PostConversationSurveyRoutes extends EventSourceRoutes {

    static final String PID = "io.switchboard.source.postconversationsurvey";

    @Activate
    public PostConversationSurveyRoutes(BundleContext context, CallbackConfiguration config) {
        super(context.getBundle(), callbacks(config));
    }
}
