package io.switchboard.core.internal.dispatch;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.switchboard.core.api.log.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registered whiteboard listeners, each with the event types it asked for (its {@code switchboard.event.type.id}
 * property; none: all), and telling them.
 *
 * @param <L> the listener type
 */
final class EventTypeListeners<L> {

    private static final Logger LOG = LoggerFactory.getLogger(EventTypeListeners.class);

    /** A listener and its event types (empty: all). */
    private record Entry<L>(L listener, Set<String> eventTypes) {
        boolean wants(String eventTypeId) {
            return eventTypes.isEmpty() || eventTypes.contains(eventTypeId);
        }
    }

    private final List<Entry<L>> entries = new CopyOnWriteArrayList<>();

    /** @param eventTypeProperty the listener's event type property: null, a String or String[]/collection */
    void add(L listener, Object eventTypeProperty) {
        entries.add(new Entry<>(listener, eventTypes(eventTypeProperty)));
    }

    void remove(L listener) {
        entries.removeIf(e -> e.listener() == listener);
    }

    /**
     * Tells every listener interested in the event type; one that throws is logged and does not keep the others from
     * hearing.
     *
     * @param what what is told, for the log
     * @return how many listeners were told
     */
    int tell(String eventTypeId, String what, Consumer<L> telling) {
        int told = 0;
        for (Entry<L> entry : entries) {
            if (!entry.wants(eventTypeId)) {
                continue;
            }
            told++;
            try {
                telling.accept(entry.listener());
            } catch (RuntimeException e) {
                // The listener's exception may quote a function's result: logged escaped and cut, the stack at debug.
                LOG.error("Listener {} failed on {} ({}); the queue goes on: {}", entry.listener().getClass().getName(), what, eventTypeId,
                        SafeText.of(e));
                LOG.debug("Listener failure on {}", what, e);
            }
        }
        return told;
    }

    private static Set<String> eventTypes(Object property) {
        if (property == null) {
            return Set.of();
        }
        if (property instanceof String[] array) {
            return Set.copyOf(Arrays.asList(array));
        }
        if (property instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
        }
        return Set.of(property.toString());
    }
}
