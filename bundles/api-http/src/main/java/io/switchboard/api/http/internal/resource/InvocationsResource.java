package io.switchboard.api.http.internal.resource;

import io.switchboard.api.http.internal.CoreServices;
import io.switchboard.api.http.internal.json.Envelope;
import io.switchboard.api.http.internal.json.Json;
import io.switchboard.api.http.internal.json.Views;
import io.switchboard.api.http.internal.routing.Router;
import io.switchboard.api.http.internal.web.ApiRequest;
import io.switchboard.api.http.internal.web.ApiResponse;
import io.switchboard.api.http.internal.web.ProblemException;
import io.switchboard.api.http.internal.web.Problems;
import io.switchboard.api.http.internal.web.TraceHeaders;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.dispatch.UnknownFunctionException;
import io.switchboard.core.api.function.EventTypeView;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.InvocationRecord;
import java.util.List;

/** Running a function directly (external invocation, sample payload) and reading one invocation record (searches: {@link InvocationSearchResource}). */
public final class InvocationsResource {
    private static final String FUNCTION = FunctionsResource.BASE + "/{id}";

    private final CoreServices core;
    private final Json json;
    private final Views views;

    public InvocationsResource(CoreServices core, Json json, Views views) {
        this.core = core;
        this.json = json;
        this.views = views;
    }

    public void addRoutes(Router.Builder router) {
        router.post(FUNCTION + "/invoke", this::invoke)
              .post(FUNCTION + "/invoke-sample", this::invokeSample)
              .post(FUNCTION + "/invoke-draft", this::invokeDraft)
              .get(FUNCTION + "/invocations/{invocationId}", this::getOfFunction)
              .get("/accounts/{account}/invocations/{invocationId}", this::get);
    }

    private ApiResponse invoke(ApiRequest request) {
        Envelope input = Envelope.read(request.body().objectOrEmpty(), false, json);
        FunctionOutcome outcome = invokeDeployed(request.path("account"), request.path("id"),
                json.text(input.payload()), TraceHeaders.withCallers(request, input.headers()), Trigger.EXTERNAL);
        return ApiResponse.ok(views.outcome(outcome));
    }

    /** Runs the deployed version with the sample payload of the function's event type, as LivePerson's "Invoke" screen does. */
    private ApiResponse invokeSample(ApiRequest request) {
        String account = request.path("account");
        FunctionInfo function = core.functions().get(account, request.path("id"));
        String eventTypeId = function.spec().eventType();
        if (eventTypeId == null) {
            throw new ProblemException(Problems.conflict("Function '" + function.spec().name()
                    + "' is not bound to an event type, so there is no sample payload; use POST .../invoke with a payload."));
        }
        EventTypeView eventType = core.catalog().get(eventTypeId).orElseThrow(() -> new ProblemException(Problems.conflict(
                "Event type '" + eventTypeId + "' of function '" + function.spec().name()
                        + "' is not available: no installed event source provides it.")));
        Envelope input = Envelope.read(request.body().objectOrEmpty(), false, json);
        FunctionOutcome outcome = invokeDeployed(account, function.id(), eventType.definition().samplePayload(),
                TraceHeaders.withCallers(request, input.headers()), Trigger.MANUAL);
        return ApiResponse.ok(views.outcome(outcome));
    }

    /** Runs the function's draft (as last saved, deployed or not) as a test, recorded as version 0 with trigger MANUAL. */
    private ApiResponse invokeDraft(ApiRequest request) {
        Envelope input = Envelope.read(request.body().objectOrEmpty(), false, json);
        try {
            return ApiResponse.ok(views.outcome(core.drafts().invokeDraft(request.path("account"), request.path("id"),
                    json.text(input.payload()), TraceHeaders.withCallers(request, input.headers()))));
        } catch (UnknownFunctionException e) {
            throw new ProblemException(Problems.notFound(e.getMessage() + "."));
        }
    }

    private FunctionOutcome invokeDeployed(String account, String functionRef, String payloadJson, List<Header> headers, Trigger trigger) {
        try {
            return core.invoker().invoke(account, functionRef, payloadJson, headers, trigger);
        } catch (UnknownFunctionException e) {
            // The invoker does not say whether the function is missing or only not deployed; the two need different answers.
            FunctionInfo function = core.functions().get(account, functionRef);
            throw new ProblemException(Problems.conflict("Function '" + function.spec().name() + "' (" + function.id()
                    + ") has no deployed version (state " + function.state() + "); deploy it first with POST .../deploy."));
        }
    }

    private ApiResponse getOfFunction(ApiRequest request) {
        String invocationId = request.path("invocationId");
        InvocationRecord record = core.invocations().get(request.path("account"), invocationId);
        if (!record.functionId().equals(request.path("id"))) {
            throw new ProblemException(Problems.notFound("Function '" + request.path("id") + "' has no invocation '" + invocationId + "'."));
        }
        return ApiResponse.ok(views.invocation(record));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(views.invocation(core.invocations().get(request.path("account"), request.path("invocationId"))));
    }
}
