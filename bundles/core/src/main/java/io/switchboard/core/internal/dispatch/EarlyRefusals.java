package io.switchboard.core.internal.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.switchboard.core.api.dispatch.DispatchException;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.internal.function.DeployedFunction;
import io.switchboard.core.internal.id.TimeOrderedIds;

/**
 * Refuses a synchronous event whose every function is quarantined and would not be admitted, before its payload is
 * validated: nothing would run, so the schema check, the concurrency permits and the rest of the path would be work for
 * a refusal (issue 18: a hostile client re-sending to its quarantined loop made about 1,100 of them a second). The
 * answer is the one the event would have got after validation (each function {@code REJECTED
 * com.switchboard.dispatch.quarantined}, the first the event's failure, each recorded), with the time until the
 * quarantine may admit a run. So a malformed payload sent to a quarantined function gets the refusal, not a 400: the
 * payload would not have been run anyway, and a retry after the quarantine gets its 400 then.
 */
final class EarlyRefusals {

    /**
     * What the check found: the event's refusal, or the functions it selected (used again by the usual path), or
     * neither (not checked).
     */
    record Early(EventSelector.Selection selection, DispatchResult refused) {
        static final Early NOT_CHECKED = new Early(null, null);
    }

    private final EventSelector selector;
    private final FunctionRuns runs;

    EarlyRefusals(EventSelector selector, FunctionRuns runs) {
        this.selector = selector;
        this.runs = runs;
    }

    /**
     * Checks a synchronous event without an idempotency key while any function is quarantined; an event with a key takes
     * the usual path, which claims its key before its functions run (a redelivery is then not run again, refused or not).
     */
    Early check(EventTypeDefinition event, DispatchRequest request, InvocationMode mode) {
        if (mode != InvocationMode.SYNC || request.idempotencyKey() != null || !runs.quarantine().anyQuarantined()) {
            return Early.NOT_CHECKED;
        }
        EventSelector.Selection selection = selectEarly(event, request);
        if (selection == null) {
            return Early.NOT_CHECKED;
        }
        return new Early(selection, refuseIfNoneAdmitted(event, request, selection).orElse(null));
    }

    /**
     * The event's functions, or null when selecting them fails: that failure (an unknown command, a bot without a
     * function) is answered by the usual path, after the payload's own errors, as before.
     */
    private EventSelector.Selection selectEarly(EventTypeDefinition event, DispatchRequest request) {
        try {
            return selector.select(event, request);
        } catch (DispatchException e) {
            return null;
        }
    }

    /** The refusal of the event when it selected functions and every one of them would be refused now; else empty. */
    private Optional<DispatchResult> refuseIfNoneAdmitted(EventTypeDefinition event, DispatchRequest request, EventSelector.Selection selection) {
        List<DeployedFunction> functions = selection.functions();
        if (functions.isEmpty()) {
            return Optional.empty();
        }
        Quarantine quarantine = runs.quarantine();
        Duration retryAfter = null;
        for (DeployedFunction function : functions) {
            Optional<Duration> refusal = quarantine.refusal(function.functionId());
            if (refusal.isEmpty()) {
                return Optional.empty();
            }
            retryAfter = retryAfter == null || refusal.get().compareTo(retryAfter) < 0 ? refusal.get() : retryAfter;
        }
        String eventId = TimeOrderedIds.next();
        InvocationContext context = InvocationContext.forEvent(event, eventId, selection.headers(), request.trigger());
        List<FunctionOutcome> outcomes = new ArrayList<>(functions.size());
        for (DeployedFunction function : functions) {
            outcomes.add(runs.runner().refuse(function, context));
        }
        return Optional.of(new DispatchResult(eventId, InvocationMode.SYNC, outcomes, event.delivery(), null, outcomes.get(0), retryAfter));
    }
}
