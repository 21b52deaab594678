package io.switchboard.camel.api;

import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.eventtypes.api.EventTypeFolders;
import io.switchboard.eventtypes.api.InvalidEventTypeFolderException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.framework.Bundle;

/**
 * The routes of an event-source bundle, made from its event-type folders: for each type with a {@code webhookPath},
 * {@code from("webhook:<path>")} -> {@code event:<id>} -> {@link EventReplies#answer()} (route id = the type's id); for
 * each asynchronous type, with callback settings, {@code from("event-results:<id>")} -> {@link ResultCallbacks#delivery}
 * (route id {@code <id>-results}), a failed delivery redelivered as the settings say, then logged at WARN once. A new
 * folder in the bundle needs no Java: the family's one subclass serves it. Subclasses may add routes of their own
 * ({@code configure()} then calls {@code super.configure()}).
 */
public abstract class EventSourceRoutes extends RouteBuilder {

    private final List<EventTypeDefinition> types;
    private final CallbackSettings callbacks;

    /**
     * @param bundle the event-source bundle whose folders to serve
     * @param callbacks where the family's settled asynchronous events go, or null when it has none
     */
    protected EventSourceRoutes(Bundle bundle, CallbackSettings callbacks) {
        this(types(bundle), callbacks);
    }

    /** Routes for the given types (a test's, or ones read otherwise). */
    protected EventSourceRoutes(List<EventTypeDefinition> types, CallbackSettings callbacks) {
        this.types = List.copyOf(types);
        this.callbacks = callbacks;
    }

    /** Delivery settings from a family's configuration. */
    protected static CallbackSettings callbacks(CallbackConfiguration config) {
        return CallbackSettings.of(config.callbackUrls(), config.signingSecret(), Duration.ofMillis(config.timeoutMs()),
                config.maximumRedeliveries(), Duration.ofMillis(config.redeliveryDelayMs()));
    }

    /** The event types the routes serve. */
    public List<EventTypeDefinition> types() {
        return types;
    }

    @Override
    public void configure() {
        if (callbacks != null) {
            // CallbackFailedException is an IOException: Camel finds only the JDK's exception classes from here.
            onException(IOException.class)
                    .maximumRedeliveries(callbacks.maximumRedeliveries())
                    .redeliveryDelay(callbacks.redeliveryDelay().toMillis())
                    .logExhausted(false)
                    .handled(true)
                    .log(LoggingLevel.WARN, EventSourceRoutes.class.getName(), "Gave up delivering event ${header."
                            + SwitchboardHeaders.EVENT_ID + "} (${header." + SwitchboardHeaders.EVENT_TYPE_ID + "}, account ${header."
                            + SwitchboardHeaders.ACCOUNT + "}) after " + (callbacks.maximumRedeliveries() + 1) + " attempt(s): ${exception.message}");
        }
        for (EventTypeDefinition type : types) {
            if (type.webhookPath() != null) {
                from("webhook:" + type.webhookPath()).routeId(type.id())
                        .to("event:" + type.id() + "?trigger=EVENT")
                        .process(EventReplies.answer());
            }
            if (type.mode() == InvocationMode.ASYNC && callbacks != null) {
                from("event-results:" + type.id()).routeId(type.id() + "-results")
                        .process(ResultCallbacks.delivery(callbacks));
            }
        }
    }

    /** The types of the bundle's readable folders (the extender logs the others). */
    private static List<EventTypeDefinition> types(Bundle bundle) {
        Objects.requireNonNull(bundle, "bundle");
        List<EventTypeDefinition> types = new ArrayList<>();
        for (String folder : EventTypeFolders.folders(bundle)) {
            try {
                types.add(EventTypeFolders.read(bundle, folder).definition());
            } catch (InvalidEventTypeFolderException e) {
                // Left out: the extender reports the folder, and its type is not in the catalogue either.
            }
        }
        return types;
    }
}
