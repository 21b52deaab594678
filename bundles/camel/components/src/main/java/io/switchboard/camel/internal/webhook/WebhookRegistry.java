package io.switchboard.camel.internal.webhook;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.osgi.service.component.annotations.Component;

/**
 * Which webhook consumer serves which path; consumers enter when their route starts and leave when it stops. A plain
 * path is looked up as it is; a template ({@code {name}} segments) matches when no plain path does, the one with the
 * most fixed segments first.
 */
@Component(service = WebhookRegistry.class)
public final class WebhookRegistry {

    /** A consumer found for a request path, with the values of its template's variables. */
    record Match(WebhookConsumer consumer, Map<String, String> variables) {
    }

    private record Template(WebhookPath path, WebhookConsumer consumer) {
    }

    private final ConcurrentMap<String, WebhookConsumer> consumers = new ConcurrentHashMap<>();
    private final List<Template> templates = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();

    /** @throws IllegalStateException when another route already serves the path */
    void register(String path, WebhookConsumer consumer) {
        lock.lock();
        try {
            add(path, consumer);
        } finally {
            lock.unlock();
        }
    }

    private void add(String path, WebhookConsumer consumer) {
        WebhookPath parsed = WebhookPath.of(path);
        if (parsed.isTemplate()) {
            Optional<Template> taken = templates.stream().filter(t -> t.path().path().equals(path)).findFirst();
            if (taken.isPresent() && taken.get().consumer() != consumer) {
                throw taken(path, taken.get().consumer());
            }
            if (taken.isEmpty()) {
                templates.add(new Template(parsed, consumer));
                templates.sort(Comparator.comparingLong((Template t) -> -t.path().fixedSegments()));
            }
            return;
        }
        WebhookConsumer previous = consumers.putIfAbsent(path, consumer);
        if (previous != null && previous != consumer) {
            throw taken(path, previous);
        }
    }

    void unregister(String path, WebhookConsumer consumer) {
        lock.lock();
        try {
            consumers.remove(path, consumer);
            templates.removeIf(t -> t.path().path().equals(path) && t.consumer() == consumer);
        } finally {
            lock.unlock();
        }
    }

    Optional<Match> consumerFor(String path) {
        WebhookConsumer exact = consumers.get(path);
        if (exact != null) {
            return Optional.of(new Match(exact, Map.of()));
        }
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        // Split once for all templates (every call of a templated webhook, e.g. each conversational command, comes here).
        String[] parts = path.substring(1).split("/", -1);
        for (Template template : templates) {
            Optional<Map<String, String>> variables = template.path().match(parts);
            if (variables.isPresent()) {
                return Optional.of(new Match(template.consumer(), variables.get()));
            }
        }
        return Optional.empty();
    }

    private static IllegalStateException taken(String path, WebhookConsumer previous) {
        return new IllegalStateException("Webhook path " + path + " is already served by route '" + previous.getRouteId() + "' of "
                + previous.getEndpoint().getCamelContext().getName() + "; give this route another path");
    }
}
