package io.switchboard.core.internal.dispatch;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.fasterxml.jackson.databind.node.ArrayNode;

import io.switchboard.core.api.log.SafeText;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.execution.CallerRescue;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.FunctionExecutor;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.api.observe.PlatformObserver;
import io.switchboard.core.api.trace.TraceParent;
import io.switchboard.core.internal.id.TimeOrderedIds;
import io.switchboard.core.internal.function.DeployedFunction;
import io.switchboard.core.internal.invocation.InvocationRecorder;
import io.switchboard.core.internal.json.Json;
import io.switchboard.core.internal.observe.RunLogContext;

/** Runs one deployed function on the calling thread through the current executor and records the invocation. */
final class FunctionRunner {

    static final String NO_EXECUTOR = "com.switchboard.executor.unavailable";
    static final String EXECUTOR_FAILED = "com.switchboard.executor.failure";
    /** The MDC key of the run's W3C trace id (beside account, function and invocation, which RunLogContext sets). */
    static final String TRACE_MDC = "trace";

    private static final Logger LOG = LoggerFactory.getLogger(FunctionRunner.class);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** How long a thread back from a rescued run waits for the rescue to have settled it. */
    private static final Duration RESCUE_WAIT = Duration.ofSeconds(10);

    private final Supplier<FunctionExecutor> executor;
    private final InvocationRecorder recorder;
    private final Clock clock;
    private final Supplier<Quarantine> quarantine;
    private final ResultCheck results;
    private final PlatformObserver observer;

    FunctionRunner(Supplier<FunctionExecutor> executor, InvocationRecorder recorder, Clock clock, Supplier<Quarantine> quarantine, ResultCheck results,
            PlatformObserver observer) {
        this.observer = observer;
        this.executor = executor;
        this.recorder = recorder;
        this.clock = clock;
        this.quarantine = quarantine;
        this.results = results;
    }

    /** A quarantine slot for a run of the function; empty when it is quarantined and every slot is busy. */
    Optional<Quarantine.Slot> admit(DeployedFunction function) {
        return quarantine.get().admit(function.functionId());
    }

    /**
     * Runs for an asynchronous task: returns once the record is committed, because the task is settled after it
     * (a restart finds the record and does not run the task again).
     */
    FunctionOutcome runDurably(DeployedFunction function, String payloadJson, InvocationContext context, Quarantine.Slot admitted) {
        return run(TimeOrderedIds.next(), function, payloadJson, context, true, admitted);
    }

    /**
     * Runs under an invocation id chosen by the caller (so a caller that stops waiting can still name the record);
     * the record is written behind the return.
     */
    FunctionOutcome run(String invocationId, DeployedFunction function, String payloadJson, InvocationContext context) {
        return run(invocationId, function, payloadJson, context, false, null);
    }

    private FunctionOutcome run(String invocationId, DeployedFunction function, String payloadJson, InvocationContext context, boolean durable,
            Quarantine.Slot admitted) {
        Instant startedAt = clock.instant();
        // The caller's trace (its traceparent header) with a span of this run's own, or a new trace: what the record keeps
        // and what the run's outbound calls send on.
        TraceParent trace = TraceParent.continued(context.headers());
        MDC.put(TRACE_MDC, trace.traceId());
        try {
            return run(invocationId, function, payloadJson, context, durable, admitted, startedAt, trace);
        } finally {
            MDC.remove(TRACE_MDC);
        }
    }

    private FunctionOutcome run(String invocationId, DeployedFunction function, String payloadJson, InvocationContext context, boolean durable,
            Quarantine.Slot admitted, Instant startedAt, TraceParent trace) {
        Optional<Quarantine.Slot> slot = admitted != null ? Optional.of(admitted) : quarantine.get().admit(function.functionId());
        if (slot.isEmpty()) {
            return finish(invocationId, function, context, durable, refused(function), startedAt, trace);
        }
        observer.invocationStarted(invocationId, function.account(), function.functionId());
        long cpuBefore = cpuTime();
        long wallBefore = System.nanoTime();
        ExecutionRequest request = request(invocationId, function, input(payloadJson, context.headers()), context, slot.get(), trace);
        CallerRescue rescue = durable ? null : CallerRescue.current();
        if (rescue == null) {
            return settle(invocationId, function, context, durable, slot.get(), execute(request), cpuBefore, wallBefore, startedAt, trace);
        }
        // The executor may run the function on this thread (the caller can be answered from elsewhere): if the run cannot
        // be stopped, the rescue settles and records it as such on the rescuing thread, and this thread, should it ever
        // come back, neither settles nor records it again.
        AtomicReference<FunctionOutcome> rescued = new AtomicReference<>();
        AtomicBoolean settled = new AtomicBoolean();
        Quarantine.Slot held = slot.get();
        rescue.beforeAnswer(abandoned -> {
            if (settled.compareAndSet(false, true)) {
                try {
                    rescued.set(settle(invocationId, function, context, false, held, abandoned, -1, wallBefore, startedAt, trace));
                } finally {
                    rescued.compareAndSet(null, unrecorded(invocationId, function, abandoned));
                }
            }
        });
        ExecutionResult result = execute(request);
        if (!settled.compareAndSet(false, true)) {
            // The rescue may still be settling it: its outcome is what this caller was answered.
            rescue.awaitRescue(RESCUE_WAIT);
            FunctionOutcome outcome = rescued.get();
            return outcome != null ? outcome : unrecorded(invocationId, function, result);
        }
        return settle(invocationId, function, context, false, held, result, cpuBefore, wallBefore, startedAt, trace);
    }

    /**
     * Starts a run for a fan-out on the caller's thread (admission, request) and returns at once; the future completes
     * with the run's outcome, its record written, on the thread that ends the run (the executor's). {@code inputJson} and
     * {@code trace} are made once per event by the caller.
     */
    CompletableFuture<FunctionOutcome> start(String invocationId, DeployedFunction function, String inputJson, TraceParent trace,
            InvocationContext context, Executor waiter) {
        Instant startedAt = clock.instant();
        Optional<Quarantine.Slot> slot = quarantine.get().admit(function.functionId());
        if (slot.isEmpty()) {
            return CompletableFuture.completedFuture(finish(invocationId, function, context, false, refused(function), startedAt, trace));
        }
        Quarantine.Slot held = slot.get();
        // The observers put the run's ids into this thread's log context (MDC); the caller's thread starts several runs
        // and must keep its own context, so it is restored; the run's lines are logged with the ids where it settles.
        Map<String, String> callers = MDC.getCopyOfContextMap();
        CompletableFuture<ExecutionResult> started;
        long wallBefore;
        try {
            observer.invocationStarted(invocationId, function.account(), function.functionId());
            wallBefore = System.nanoTime();
            started = startOn(executor.get(), request(invocationId, function, inputJson, context, held, trace), waiter);
        } finally {
            restore(callers);
        }
        long wall = wallBefore;
        return started.handle((result, failure) -> {
            Map<String, String> settlers = MDC.getCopyOfContextMap();
            MDC.put(TRACE_MDC, trace.traceId());
            MDC.put(RunLogContext.ACCOUNT, function.account());
            MDC.put(RunLogContext.FUNCTION, function.functionId());
            MDC.put(RunLogContext.INVOCATION, invocationId);
            try {
                ExecutionResult ended = failure != null ? failedRun(invocationId, function, failure) : checked(result);
                // No CPU time from the executor: this thread did not run the function, so its wall time stands in.
                return settle(invocationId, function, context, false, held, ended, -1, wall, startedAt, trace);
            } finally {
                held.close();
                restore(settlers);
            }
        });
    }

    /** The outcome of a run as it ended, for a caller that gets it without its record being written (again). */
    private static FunctionOutcome unrecorded(String invocationId, DeployedFunction function, ExecutionResult result) {
        return new FunctionOutcome(invocationId, function.functionId(), function.name(), function.version(), result.outcome(),
                result.outcome() == Outcome.OK ? result.resultJson() : null, result.error(), result.logs());
    }

    private static void restore(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }

    private static ExecutionResult failedRun(String invocationId, DeployedFunction function, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        // The text may quote the function (its error, its result): logged escaped and cut, the stack at debug.
        LOG.error("The executor failed on invocation {} of function {}: {}", invocationId, function.functionId(), SafeText.of(cause));
        LOG.debug("Executor failure of invocation {}", invocationId, cause);
        return failure("the executor failed: " + cause);
    }

    private CompletableFuture<ExecutionResult> startOn(FunctionExecutor current, ExecutionRequest request, Executor waiter) {
        if (current == null) {
            return CompletableFuture.completedFuture(noExecutor());
        }
        try {
            CompletableFuture<ExecutionResult> started = current.start(request, waiter);
            return started != null ? started : CompletableFuture.completedFuture(failure("the executor returned no run"));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(current, request, e));
        }
    }

    private ExecutionRequest request(String invocationId, DeployedFunction function, String inputJson, InvocationContext context,
            Quarantine.Slot held, TraceParent trace) {
        return new ExecutionRequest(invocationId, function.account(), function.functionId(), function.codeId(), function.spec().code(),
                inputJson, function.spec().env(), function.spec().allowedDomains(), held.timeout(function.timeout()), context.depth(),
                trace.header());
    }

    /** Charges and judges an ended run in its quarantine slot (then released), and records it. */
    private FunctionOutcome settle(String invocationId, DeployedFunction function, InvocationContext context, boolean durable,
            Quarantine.Slot slot, ExecutionResult ran, long cpuBefore, long wallBefore, Instant startedAt, TraceParent trace) {
        ExecutionResult result;
        try (Quarantine.Slot held = slot) {
            result = recorder.bounded(ran);
            long wall = System.nanoTime() - wallBefore;
            // An executor that runs guest code on threads of its own reports their CPU time; this thread only waited.
            long cpu = result.cpuTime() != null ? result.cpuTime().toNanos() : cpuBefore < 0 ? wall : cpuTime() - cpuBefore;
            held.charge(cpu);
            Quarantine current = quarantine.get();
            boolean wasQuarantined = current.isQuarantined(function.functionId());
            current.judge(function.account(), function.functionId(), result, cpu, wall);
            if (!wasQuarantined && current.isQuarantined(function.functionId())) {
                observer.quarantined(function.account(), function.functionId());
            }
        }
        return finish(invocationId, function, context, durable, result, startedAt, trace);
    }

    /**
     * Refuses a run of a quarantined function without trying to admit it (dispatch found that every function of the
     * event would be refused): answered and recorded as a run refused at admission is.
     */
    FunctionOutcome refuse(DeployedFunction function, InvocationContext context) {
        return finish(TimeOrderedIds.next(), function, context, false, refused(function), clock.instant(), TraceParent.continued(context.headers()));
    }

    private ExecutionResult refused(DeployedFunction function) {
        return new ExecutionResult(Outcome.REJECTED, null, new ExecutionError(Quarantine.QUARANTINED, quarantine.get().explanation(function.name())),
                List.of(), Duration.ZERO);
    }

    /** The outcome of a run (or refusal), its record written. */
    private FunctionOutcome finish(String invocationId, DeployedFunction function, InvocationContext context, boolean durable, ExecutionResult ran,
            Instant startedAt, TraceParent trace) {
        ExecutionResult result = ran;
        long durationMs = result.duration() != null ? result.duration().toMillis() : Duration.between(startedAt, clock.instant()).toMillis();
        result = heldToContract(result, context);
        FunctionOutcome outcome = new FunctionOutcome(invocationId, function.functionId(), function.name(), function.version(),
                result.outcome(), result.outcome() == Outcome.OK ? result.resultJson() : null, result.error(), result.logs());
        record(durable, new InvocationRecord(invocationId, function.account(), function.functionId(), function.version(), context.eventTypeId(),
                context.eventId(), context.trigger(), startedAt, durationMs, outcome.outcome(), outcome.resultJson(), outcome.error(),
                outcome.logs(), trace.traceId()));
        LOG.debug("Function {} v{} of account {} ended {} in {} ms (invocation {})", function.functionId(), function.version(),
                function.account(), outcome.outcome(), durationMs, invocationId);
        return outcome;
    }

    /**
     * A result of a run for an event must keep the event's result contract: one that breaks it ends the run as an
     * error of the function, recorded, retried and answered like any other, and never delivered.
     */
    private ExecutionResult heldToContract(ExecutionResult result, InvocationContext context) {
        if (result.outcome() != Outcome.OK || context.event() == null) {
            return result;
        }
        return results.check(context.event(), result.resultJson())
                .map(broken -> new ExecutionResult(Outcome.ERROR, null, broken, result.logs(), result.duration()))
                .orElse(result);
    }

    /** CPU time of this thread (the executor runs functions on the calling thread), or -1 where the JVM cannot tell. */
    private static long cpuTime() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    private ExecutionResult execute(ExecutionRequest request) {
        FunctionExecutor current = executor.get();
        if (current == null) {
            return noExecutor();
        }
        try {
            return checked(current.execute(request));
        } catch (RuntimeException e) {
            return failed(current, request, e);
        }
    }

    private static ExecutionResult noExecutor() {
        return new ExecutionResult(Outcome.REJECTED, null, new ExecutionError(NO_EXECUTOR,
                "No function executor is installed; start the executor bundle (switchboard.executor.graaljs)"), List.of(), Duration.ZERO);
    }

    private static ExecutionResult checked(ExecutionResult result) {
        return result == null || result.outcome() == null ? failure("the executor returned no result") : result;
    }

    private static ExecutionResult failed(FunctionExecutor current, ExecutionRequest request, RuntimeException e) {
        // The exception's text may quote the function (its error, its result): logged escaped and cut, the stack at debug.
        LOG.error("Executor {} failed on invocation {} of function {}: {}", current.getClass().getName(), request.invocationId(),
                request.functionId(), SafeText.of(e));
        LOG.debug("Executor failure of invocation {}", request.invocationId(), e);
        return failure("the executor failed: " + e);
    }

    private static ExecutionResult failure(String message) {
        return new ExecutionResult(Outcome.ERROR, null, new ExecutionError(EXECUTOR_FAILED, message), List.of(), null);
    }

    /** The outcome of a run of the function for the event that already succeeded (before a crash), if any. */
    Optional<FunctionOutcome> successfulRun(DeployedFunction function, String eventId, long acceptedAt) {
        return recorder.successfulRun(function.account(), function.functionId(), eventId, acceptedAt).map(r -> new FunctionOutcome(r.id(), r.functionId(),
                function.name(), r.version(), r.outcome(), r.resultJson(), r.error(), r.logs()));
    }

    private void record(boolean durable, InvocationRecord record) {
        try {
            if (durable) {
                recorder.recordDurably(record);
            } else {
                recorder.record(record);
            }
        } catch (RuntimeException e) {
            LOG.error("Could not store the record of invocation {} of function {}: {}", record.id(), record.functionId(), SafeText.of(e));
            LOG.debug("Record failure of invocation {}", record.id(), e);
        }
        observer.invocationFinished(record);
    }

    /**
     * The function input {@code {"payload": ..., "headers": [{"key", "value"}, ...]}}, with the payload's JSON text as
     * it came (already parsed and validated by dispatch, which refuses trailing text), not parsed and written again.
     */
    static String input(String payloadJson, List<Header> headers) {
        ArrayNode list = Json.mapper().createArrayNode();
        headers.forEach(h -> list.addObject().put("key", h.key()).put("value", h.value()));
        return "{\"payload\":" + payloadJson.strip() + ",\"headers\":" + Json.write(list) + "}";
    }
}
