package io.switchboard.gateway.liveperson.internal;

import io.switchboard.core.api.dispatch.CapacityExceededException;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.EventDispatcher;
import io.switchboard.core.api.dispatch.FunctionInvoker;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.ImplementedEvents;
import io.switchboard.core.api.dispatch.InvalidPayloadException;
import io.switchboard.core.api.dispatch.LivePersonError;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.dispatch.UnknownEventTypeException;
import io.switchboard.core.api.dispatch.UnknownFunctionException;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.event.RenamedEventTypes;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.EventCatalog;
import io.switchboard.core.api.function.EventTypeView;
import io.switchboard.core.api.function.FunctionService;
import io.switchboard.core.api.function.NotFoundException;
import java.util.stream.Collectors;

/** The gateway's three operations on the core's public API, with the core's refusals turned into LivePerson's. */
final class GatewayOperations {

    /** What an operation answers: a status, JSON text and the seconds of a {@code Retry-After} header (0: none). */
    /** @param closeConnection the request's body may be left unread: the connection cannot carry another request */
    record Answer(int status, String json, long retryAfterSeconds, boolean closeConnection) {
        Answer(int status, String json) {
            this(status, json, 0, false);
        }

        Answer(int status, String json, long retryAfterSeconds) {
            this(status, json, retryAfterSeconds, false);
        }
    }

    private final FunctionInvoker invoker;
    private final EventDispatcher dispatcher;
    private final ImplementedEvents implementations;
    private final EventCatalog catalog;
    private final FunctionService functions;

    GatewayOperations(FunctionInvoker invoker, EventDispatcher dispatcher, ImplementedEvents implementations, EventCatalog catalog,
            FunctionService functions) {
        this.invoker = invoker;
        this.dispatcher = dispatcher;
        this.implementations = implementations;
        this.catalog = catalog;
        this.functions = functions;
    }

    /** {@code POST .../lambdas/{lambdaUUID}/invoke}: the function's result, or LivePerson's error of the function. */
    Answer invokeLambda(String account, String lambda, InvocationBody body) {
        FunctionOutcome outcome;
        try {
            outcome = invoker.invoke(account, lambda, body.payloadJson(), body.headers(), Trigger.EXTERNAL);
        } catch (UnknownFunctionException e) {
            throw missingOrNotDeployed(account, lambda);
        } catch (CapacityExceededException e) {
            throw capacity(e);
        } catch (InvalidPayloadException e) {
            throw GatewayError.badInput(e.getMessage());
        }
        if (outcome.outcome() == Outcome.OK) {
            return new Answer(200, outcome.resultJson() == null ? "null" : outcome.resultJson());
        }
        return failure(LivePersonError.of(outcome));
    }

    /** {@code POST .../events/{eventId}/invoke}: the combined result of the event's functions, always synchronously. */
    Answer invokeEvent(String account, String eventId, String skillId, InvocationBody body) {
        EventTypeDefinition type = type(eventId);
        if (type.selectsOneFunction()) {
            throw GatewayError.badInput("Event '" + eventId + "' runs one function by its " + type.selection().name().toLowerCase()
                    + ": invoke that function by its id (/lambdas/{lambdaUUID}/invoke)");
        }
        DispatchResult result;
        try {
            result = dispatcher.dispatch(new DispatchRequest(account, eventId, body.payloadJson(), body.headers(), Trigger.EXTERNAL, skillId,
                    null, null, InvocationMode.SYNC));
        } catch (InvalidPayloadException e) {
            throw GatewayError.badInput(e.getMessage() + ": " + e.fieldErrors().stream()
                    .map(f -> "/payload" + f.field() + " " + f.message()).collect(Collectors.joining("; ")));
        } catch (CapacityExceededException e) {
            throw capacity(e);
        } catch (UnknownEventTypeException e) {
            throw unknownEvent(eventId);
        }
        if (result.failed()) {
            // refused for now (every function quarantined, nothing ran): the core names when a retry may be admitted
            Answer failed = failure(LivePersonError.of(result.failure()));
            return result.retryAfter() == null ? failed
                    : new Answer(failed.status(), failed.json(), Math.max(1, result.retryAfter().toSeconds()));
        }
        return new Answer(200, result.resultJson());
    }

    /** {@code GET .../events/{eventId}/isImplemented}: {@code {"implemented": bool}}, the field LivePerson's clients read. */
    Answer isImplemented(String account, String eventId, String skillId) {
        type(eventId);
        try {
            return new Answer(200, "{\"implemented\":" + implementations.implemented(account, eventId, skillId) + "}");
        } catch (UnknownEventTypeException e) {
            throw unknownEvent(eventId);
        }
    }

    private EventTypeDefinition type(String eventId) {
        return catalog.get(eventId).map(EventTypeView::definition).orElseThrow(() -> unknownEvent(eventId));
    }

    private GatewayError missingOrNotDeployed(String account, String lambda) {
        try {
            functions.get(account, lambda);
            return new GatewayError(409, GatewayError.NOT_DEPLOYED, "Function " + lambda + " of account " + account + " is not deployed");
        } catch (NotFoundException e) {
            return new GatewayError(404, GatewayError.MISSING_LAMBDA, "Account " + account + " has no function " + lambda);
        }
    }

    private static GatewayError unknownEvent(String eventId) {
        return new GatewayError(404, GatewayError.UNKNOWN_EVENT, "Unknown event '" + eventId + "': no installed event source provides it"
                + RenamedEventTypes.hint(eventId));
    }

    private static GatewayError capacity(CapacityExceededException e) {
        long seconds = Math.max(1, e.retryAfter().toSeconds());
        return new GatewayError(429, GatewayError.CAPACITY_EXCEEDED, e.getMessage(), seconds);
    }

    private static Answer failure(LivePersonError error) {
        return new Answer(error.status(), GatewayServlet.errorJson(error.errorCode(), error.errorMsg()));
    }
}
