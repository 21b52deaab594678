package io.switchboard.core.api.dispatch;

import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.event.ResultDelivery;
import java.time.Duration;
import java.util.List;

/**
 * The answer to a dispatched event.
 *
 * @param eventId id under which the event was recorded
 * @param mode SYNC: {@code outcomes} holds every selected function's outcome; ASYNC: the event was
 *             persisted and accepted, {@code outcomes} is empty and the functions run later
 * @param outcomes one entry per function that ran (SYNC only), in function-name order
 * @param delivery how the event type combines its functions' results
 * @param resultJson SYNC and no function failed: the combined result as JSON text (see {@link ResultDelivery}); else null
 * @param failure SYNC: the first function (in name order) that did not return a valid result, else null; its failure
 *        is the event's ("failing functions abort the invocation chain")
 * @param retryAfter SYNC, failed because every function of the event was refused for now (each is quarantined and the
 *        quarantine's slots or CPU budget are used up), so nothing ran: when a retry may be admitted (at least a
 *        second; for a {@code Retry-After} header); else null. Since 1.4.
 */
public record DispatchResult(String eventId, InvocationMode mode, List<FunctionOutcome> outcomes, ResultDelivery delivery,
        String resultJson, FunctionOutcome failure, Duration retryAfter) {
    public DispatchResult {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    /** A result that names no time to retry after. */
    public DispatchResult(String eventId, InvocationMode mode, List<FunctionOutcome> outcomes, ResultDelivery delivery,
            String resultJson, FunctionOutcome failure) {
        this(eventId, mode, outcomes, delivery, resultJson, failure, null);
    }

    /** A result without a combined result (an accepted asynchronous event). */
    public DispatchResult(String eventId, InvocationMode mode, List<FunctionOutcome> outcomes) {
        this(eventId, mode, outcomes, null, null, null);
    }

    /** Whether the event failed: a SYNC event one of whose functions failed. */
    public boolean failed() {
        return failure != null;
    }
}
