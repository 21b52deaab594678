package io.switchboard.camel.internal.results;

import io.switchboard.core.api.dispatch.AsyncOutcome;
import io.switchboard.core.api.dispatch.AsyncOutcomeListener;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.Outcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The core's listener whiteboard, for tests: one listener per event type, told by the test. */
public final class FakeListenerRegistry implements OutcomeListenerRegistry {

    public final Map<String, AsyncOutcomeListener> listeners = new ConcurrentHashMap<>();

    @Override
    public Registration register(String eventTypeId, AsyncOutcomeListener listener) {
        if (listeners.putIfAbsent(eventTypeId, listener) != null) {
            throw new IllegalStateException("a listener for " + eventTypeId + " is registered already");
        }
        return () -> listeners.remove(eventTypeId, listener);
    }

    /** Tells the type's listener, as the core's worker would. */
    public void tell(String eventTypeId, AsyncOutcome outcome) {
        AsyncOutcomeListener listener = listeners.get(eventTypeId);
        if (listener == null) {
            throw new IllegalStateException("no listener for " + eventTypeId);
        }
        listener.functionFinished(outcome);
    }

    public static AsyncOutcome ok(String account, String eventTypeId, String invocationId, String resultJson) {
        return new AsyncOutcome("evt-" + invocationId, account, eventTypeId,
                new FunctionOutcome(invocationId, "fn-1", "on-end", 3, Outcome.OK, resultJson, null, List.of()), 1, true);
    }

    public static AsyncOutcome failed(String account, String eventTypeId, String invocationId, int attempt, boolean finalAttempt) {
        return new AsyncOutcome("evt-" + invocationId, account, eventTypeId, new FunctionOutcome(invocationId, "fn-1", "on-end", 3,
                Outcome.ERROR, null, new ExecutionError("E42", "broken"), List.of()), attempt, finalAttempt);
    }
}
