package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.core.api.dispatch.CallDepthExceededException;
import io.switchboard.core.api.dispatch.FunctionCall;
import io.switchboard.core.api.dispatch.FunctionCalls;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.dispatch.InvalidPayloadException;
import io.switchboard.core.api.dispatch.UnknownFunctionException;
import io.switchboard.executor.graaljs.internal.json.JsonText;
import io.switchboard.executor.toolbelt.InvocationScope;
import io.switchboard.executor.toolbelt.ToolbeltCall;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import io.switchboard.executor.toolbelt.ToolbeltModuleName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code Toolbelt.OrchestratorClient()}: one function invoking others of its account through the core's
 * {@link FunctionCalls} (the service behind the bot {@code INVOCATION} action): same account only (another account's
 * function is 404 like a missing one), within the caller's deadline, at most {@code maxCallDepth} deep, the callee not
 * waiting on the caller's concurrency slots. A call blocks until the callee ends, so it runs on a small pool of this
 * module's own; the facade does retries, sequencing and the error strategy.
 */
@Component(service = ToolbeltModule.class, configurationPid = OrchestratorClientModule.PID)
@ToolbeltModuleName("OrchestratorClient")
@Designate(ocd = OrchestratorClientModule.Config.class)
public final class OrchestratorClientModule implements ToolbeltModule {

    private static final String TRACEPARENT = "traceparent";
    static final String PID = "io.switchboard.executor.graaljs.orchestrator";

    /** Bounds of function-to-function calls made by functions. */
    @ObjectClassDefinition(name = "Switchboard OrchestratorClient", description = "Function-to-function calls from function code.")
    public @interface Config {
        @AttributeDefinition(name = "Calls in flight", description = "Orchestrated calls running at once over all functions; "
                + "a call beyond is answered 429 without running.", min = "1")
        int maxCallsInFlight() default 64;
    }

    private final String facade = ModuleScripts.load("orchestrator-client.js");
    private final ThreadPoolExecutor pool;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile FunctionCalls calls;

    @Activate
    public OrchestratorClientModule(Config config) {
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, config.maxCallsInFlight(), 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "switchboard-orchestrator-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Deactivate
    void deactivate() {
        pool.shutdownNow();
    }

    @Override
    public String facadeScript() {
        return facade;
    }

    @Override
    public CompletionStage<String> call(ToolbeltCall call) {
        if (!"invoke".equals(call.operation())) {
            throw new IllegalArgumentException("OrchestratorClient has no operation " + call.operation());
        }
        Object parsed = JsonText.parse(call.argumentsJson());
        List<?> args = parsed instanceof List<?> list ? list : List.of();
        String uuid = ModuleArguments.string(call.argumentsJson(), 0);
        String payload = ModuleArguments.string(call.argumentsJson(), 1);
        List<Header> headers = new ArrayList<>();
        if (args.size() > 2 && args.get(2) instanceof Map<?, ?> given) {
            given.forEach((key, value) -> headers.add(new Header(String.valueOf(key), String.valueOf(value))));
        }
        InvocationScope scope = call.scope();
        // The called function continues the caller's trace (its run gets a span of its own), as an outbound HTTP call
        // does, unless the caller gave the call a traceparent of its own.
        if (scope.traceParent() != null && headers.stream().noneMatch(h -> TRACEPARENT.equalsIgnoreCase(h.key()))) {
            headers.add(new Header(TRACEPARENT, scope.traceParent()));
        }
        Instant deadline = scope.deadline();
        if (args.size() > 3 && args.get(3) instanceof Number until && Instant.ofEpochMilli(until.longValue()).isBefore(deadline)) {
            deadline = Instant.ofEpochMilli(until.longValue());
        }
        FunctionCalls service = calls;
        if (service == null) {
            return done(response(uuid, 503, null, "com.switchboard.orchestrator.unavailable", "Function calls are not available right now"));
        }
        FunctionCall functionCall = new FunctionCall(scope.account(), uuid, payload, headers, scope.invocationId(), scope.callDepth(), deadline);
        try {
            return CompletableFuture.supplyAsync(() -> run(service, functionCall), pool);
        } catch (RejectedExecutionException busy) {
            return done(response(uuid, 429, null, "com.switchboard.orchestrator.busy",
                    "Too many orchestrated calls are running on this instance; retry later"));
        }
    }

    private static String run(FunctionCalls service, FunctionCall call) {
        String uuid = call.functionRef();
        try {
            FunctionOutcome outcome = service.call(call);
            return switch (outcome.outcome()) {
                case OK -> response(uuid, 200, outcome.resultJson(), null, null);
                case TIMEOUT -> response(uuid, 504, null, code(outcome, "com.switchboard.function.timeout"), message(outcome));
                case REJECTED -> response(uuid, 503, null, code(outcome, "com.switchboard.function.rejected"), message(outcome));
                default -> response(uuid, 901, null, code(outcome, "com.switchboard.function.failed"), message(outcome));
            };
        } catch (UnknownFunctionException e) {
            return response(uuid, 404, null, "com.switchboard.function.not-found", e.getMessage());
        } catch (CallDepthExceededException e) {
            return response(uuid, 508, null, "com.switchboard.orchestrator.call-depth-exceeded", e.getMessage());
        } catch (InvalidPayloadException e) {
            return response(uuid, 400, null, "com.switchboard.orchestrator.invalid-payload", e.getMessage());
        }
    }

    private static String code(FunctionOutcome outcome, String fallback) {
        return outcome.error() != null && outcome.error().errorCode() != null ? outcome.error().errorCode() : fallback;
    }

    private static String message(FunctionOutcome outcome) {
        return outcome.error() != null && outcome.error().errorMsg() != null ? outcome.error().errorMsg() : outcome.outcome().name();
    }

    private static CompletableFuture<String> done(String answer) {
        return CompletableFuture.completedFuture(answer);
    }

    /** LivePerson's response item: {uuid, body, headers, statusCode, error}. */
    static String response(String uuid, int status, String bodyJson, String errorCode, String errorMsg) {
        String error = errorCode == null ? "null"
                : "{\"errorCode\":" + JsonText.quote(errorCode) + ",\"errorMsg\":" + JsonText.quote(errorMsg) + "}";
        return "{\"uuid\":" + JsonText.quote(uuid) + ",\"body\":" + (bodyJson == null ? "null" : bodyJson) + ",\"headers\":{},\"statusCode\":"
                + status + ",\"error\":" + error + "}";
    }
}
