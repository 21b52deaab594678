package io.switchboard.camel.api;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The result routes of an event source with asynchronous events: per event type
 * {@code from("event-results:<id>")} -> {@link ResultCallbacks#mapping} -> {@link ResultCallbacks#delivery}, with
 * failed deliveries redelivered as the settings say and then logged at WARN once. Route ids are {@code <id>-results}.
 */
public abstract class ResultCallbackRoutes extends RouteBuilder {

    private final CallbackSettings settings;

    protected ResultCallbackRoutes(CallbackSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The result contract of each asynchronous event type of the source, by event type id. */
    protected abstract Map<String, ResultContract> contracts();

    @Override
    public final void configure() {
        // CallbackFailedException is an IOException: Camel finds only the JDK's exception classes from here.
        onException(IOException.class)
                .maximumRedeliveries(settings.maximumRedeliveries())
                .redeliveryDelay(settings.redeliveryDelay().toMillis())
                .logExhausted(false)
                .handled(true)
                .log(LoggingLevel.WARN, ResultCallbackRoutes.class.getName(), "Gave up delivering the result of invocation "
                        + "${header." + SwitchboardHeaders.INVOCATION_ID + "} (event ${header." + SwitchboardHeaders.EVENT_ID
                        + "}, account ${header." + SwitchboardHeaders.ACCOUNT + "}) after " + (settings.maximumRedeliveries() + 1)
                        + " attempt(s): ${exception.message}");
        contracts().forEach((eventTypeId, contract) -> from("event-results:" + eventTypeId).routeId(eventTypeId + "-results")
                .process(ResultCallbacks.mapping(contract))
                .process(ResultCallbacks.delivery(settings)));
    }
}
