package io.switchboard.camel.internal.webhook;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.osgi.service.component.annotations.Component;

/** Which webhook consumer serves which path; consumers enter when their route starts and leave when it stops. */
@Component(service = WebhookRegistry.class)
public final class WebhookRegistry {

    private final ConcurrentMap<String, WebhookConsumer> consumers = new ConcurrentHashMap<>();

    /** @throws IllegalStateException when another route already serves the path */
    void register(String path, WebhookConsumer consumer) {
        WebhookConsumer previous = consumers.putIfAbsent(path, consumer);
        if (previous != null && previous != consumer) {
            throw new IllegalStateException("Webhook path " + path + " is already served by route '"
                    + previous.getRouteId() + "' of " + previous.getEndpoint().getCamelContext().getName()
                    + "; give this route another path");
        }
    }

    void unregister(String path, WebhookConsumer consumer) {
        consumers.remove(path, consumer);
    }

    Optional<WebhookConsumer> consumerFor(String path) {
        return Optional.ofNullable(consumers.get(path));
    }
}
