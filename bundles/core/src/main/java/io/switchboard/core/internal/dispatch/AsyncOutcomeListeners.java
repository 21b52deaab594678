package io.switchboard.core.internal.dispatch;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.log.SafeText;
import io.switchboard.core.api.dispatch.AsyncOutcome;
import io.switchboard.core.api.dispatch.AsyncOutcomeListener;

/** The registered {@link AsyncOutcomeListener}s, each with the event types it asked for; tells them about outcomes. */
final class AsyncOutcomeListeners {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncOutcomeListeners.class);

    /** A listener and its event types (empty: all). */
    private record Entry(AsyncOutcomeListener listener, Set<String> eventTypes) {
        boolean wants(String eventTypeId) {
            return eventTypes.isEmpty() || eventTypes.contains(eventTypeId);
        }
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    /** @param eventTypeProperty the listener's {@value AsyncOutcomeListener#EVENT_TYPE_ID} property: null, a String or String[]/collection */
    void add(AsyncOutcomeListener listener, Object eventTypeProperty) {
        entries.add(new Entry(listener, eventTypes(eventTypeProperty)));
    }

    void remove(AsyncOutcomeListener listener) {
        entries.removeIf(e -> e.listener() == listener);
    }

    /** Tells every interested listener; one that throws is logged and does not keep the others from hearing. */
    void tell(AsyncOutcome outcome) {
        for (Entry entry : entries) {
            if (!entry.wants(outcome.eventTypeId())) {
                continue;
            }
            try {
                entry.listener().functionFinished(outcome);
            } catch (RuntimeException e) {
                // The listener's exception may quote the function's result: logged escaped and cut, the stack at debug.
                LOG.error("Listener {} failed on the outcome of function {} for event {} ({}, invocation {}); the queue goes on: {}",
                        entry.listener().getClass().getName(), outcome.outcome().functionId(), outcome.eventId(), outcome.eventTypeId(),
                        outcome.outcome().invocationId(), SafeText.of(e));
                LOG.debug("Listener failure on invocation {}", outcome.outcome().invocationId(), e);
            }
        }
    }

    private static Set<String> eventTypes(Object property) {
        if (property == null) {
            return Set.of();
        }
        if (property instanceof String[] array) {
            return Set.copyOf(Arrays.asList(array));
        }
        if (property instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).collect(java.util.stream.Collectors.toUnmodifiableSet());
        }
        return Set.of(property.toString());
    }
}
