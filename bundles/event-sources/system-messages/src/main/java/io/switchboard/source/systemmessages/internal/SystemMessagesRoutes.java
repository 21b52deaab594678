package io.switchboard.source.systemmessages.internal;

import io.switchboard.camel.api.CallbackConfiguration;
import io.switchboard.camel.api.EventSourceRoutes;
import org.apache.camel.RoutesBuilder;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The routes of the System Messages family (LivePerson's Automatic Messages): for each of this bundle's
 * {@code event-types/} folders its webhook, and the delivery of each settled event's commands to the account's
 * callback, as configured under {@value #PID} (whose {@code retries} the event-type extender reads). The keys are
 * {@link CallbackConfiguration}'s: no metatype of their own, since bnd only designates an OCD declared in this bundle.
 */
@Component(service = RoutesBuilder.class, configurationPid = SystemMessagesRoutes.PID)
public final class SystemMessagesRoutes extends EventSourceRoutes {

    static final String PID = "io.switchboard.source.systemmessages";

    @Activate
    public SystemMessagesRoutes(BundleContext context, CallbackConfiguration config) {
        super(context.getBundle(), callbacks(config));
    }
}
