package io.switchboard.api.http.internal.resource;

import io.switchboard.api.http.internal.json.Envelope;
import io.switchboard.api.http.internal.json.Json;
import io.switchboard.api.http.internal.json.Views;
import io.switchboard.api.http.internal.routing.Router;
import io.switchboard.api.http.internal.web.ApiRequest;
import io.switchboard.api.http.internal.web.ApiResponse;
import io.switchboard.api.http.internal.web.ProblemException;
import io.switchboard.api.http.internal.web.Problems;
import io.switchboard.api.http.internal.web.TraceHeaders;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.EventDispatcher;
import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.dispatch.InvalidPayloadException;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.event.InvocationMode;
import java.util.List;

/**
 * {@code POST /accounts/{account}/events/{eventTypeId}[?skillId=&commandName=&botId=]}: raises an event for the account's
 * productive functions, for a skill, a command or a bot as the type selects.
 */
public final class EventsResource {
    private final EventDispatcher dispatcher;
    private final Json json;
    private final Views views;

    public EventsResource(EventDispatcher dispatcher, Json json, Views views) {
        this.dispatcher = dispatcher;
        this.json = json;
        this.views = views;
    }

    public void addRoutes(Router.Builder router) {
        router.post("/accounts/{account}/events/{eventTypeId}", this::raise);
    }

    private ApiResponse raise(ApiRequest request) {
        Envelope input = Envelope.read(request.body().requiredObject(), true, json);
        DispatchResult result = dispatch(new DispatchRequest(request.path("account"), request.path("eventTypeId"),
                json.text(input.payload()), TraceHeaders.withCallers(request, input.headers()), Trigger.EVENT, request.query("skillId").orElse(null),
                request.query("commandName").orElse(null), request.query("botId").orElse(null), null));
        Views.DispatchView view = views.dispatch(result);
        return result.mode() == InvocationMode.ASYNC ? ApiResponse.accepted(view) : ApiResponse.ok(view);
    }

    // The core points into the payload; the caller sent it inside the envelope, so its pointers start at /payload.
    private DispatchResult dispatch(DispatchRequest request) {
        try {
            return dispatcher.dispatch(request);
        } catch (InvalidPayloadException e) {
            List<FieldError> errors = e.fieldErrors().stream()
                    .map(error -> new FieldError("/payload" + error.field(), error.message()))
                    .toList();
            throw new ProblemException(Problems.invalidPayload(e.getMessage(), errors));
        }
    }
}
