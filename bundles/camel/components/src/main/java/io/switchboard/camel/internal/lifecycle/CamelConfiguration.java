package io.switchboard.camel.internal.lifecycle;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How the CamelContexts of event-source bundles run (PID {@value CamelRoutesRunner#PID}). */
@ObjectClassDefinition(name = "Switchboard Camel routes", description = "One CamelContext per bundle that registers RoutesBuilder services")
public @interface CamelConfiguration {

    /** The error handler every route gets unless it declares its own. */
    enum ErrorHandling {
        /** Camel's default error handler: redeliver as configured, then fail the exchange (the webhook answers the error). */
        REDELIVER,
        /** No error handling: the first exception fails the exchange. */
        NONE
    }

    @AttributeDefinition(description = "Error handler of every route: REDELIVER (with maximumRedeliveries) or NONE")
    ErrorHandling errorHandling() default ErrorHandling.REDELIVER;

    @AttributeDefinition(description = "Redeliveries of a failed step before the exchange fails (REDELIVER only)")
    int maximumRedeliveries() default 0;

    @AttributeDefinition(description = "Delay between redeliveries in milliseconds (REDELIVER only)")
    long redeliveryDelayMs() default 500;

    @AttributeDefinition(description = "How long stopping a bundle's routes waits for in-flight exchanges, in seconds")
    int shutdownTimeoutSeconds() default 30;
}
