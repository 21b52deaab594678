package io.switchboard.executor.graaljs.internal;

import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.executor.toolbelt.InvocationScope;
import io.switchboard.executor.toolbelt.ToolbeltCall;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a function: its logs, timers, pending toolbelt calls and settlement, and the event loop that
 * drives them on the worker thread that runs it. The watchdog may {@link #stop stop} it from another thread; the
 * context is then closed on a canceller thread, so a run that ignores cancellation blocks neither the watchdog nor
 * the caller.
 */
final class Invocation {
    private static final Logger LOG = LoggerFactory.getLogger(Invocation.class);

    /** Why the watchdog or the event loop ended a run that did not settle. */
    record Stop(FailureCode code, String message) {
    }

    private record Settlement(FailureCode failure, String resultJson, String message) {
    }

    private final ExecutionRequest request;
    private final InvocationScope scope;
    private final ExecutorLimits limits;
    private final Function<String, ToolbeltModule> modules;
    private final long startNanos;
    private final long deadlineNanos;
    private final Duration timeout;
    private final Executor canceller;
    private volatile Thread thread;
    private final LogCollector logs;
    private final TimerQueue timers = new TimerQueue();
    private final BlockingQueue<Runnable> completions = new LinkedBlockingQueue<>();
    private volatile Stop stop;
    private volatile Context context;
    private long allocatedAtStart;
    private Settlement settlement;
    private int pendingCalls;
    private int outboundCalls;
    /** Guards {@link #demote} against the run's end: a demotion never reaches the worker's next run. */
    private final Object priority = new Object();
    private boolean demoted;
    private boolean released;

    Invocation(ExecutionRequest request, ExecutorLimits limits, Function<String, ToolbeltModule> modules, Clock clock,
            Executor canceller) {
        this.request = request;
        this.canceller = canceller;
        this.limits = limits;
        this.modules = modules;
        this.timeout = limits.effectiveTimeout(request.timeout());
        this.startNanos = System.nanoTime();
        this.deadlineNanos = startNanos + timeout.toNanos();
        this.scope = new InvocationScope(request.invocationId(), request.account(), request.functionId(),
                request.allowedDomains(), clock.instant().plus(timeout), request.callDepth(), request.traceParent());
        this.logs = new LogCollector(limits.maxLogLines(), limits.maxLogChars(), clock);
    }

    ExecutionRequest request() {
        return request;
    }

    /** The thread running the guest code; null until a worker took the run. */
    Thread thread() {
        return thread;
    }

    void runOn(Thread worker) {
        thread = worker;
    }

    long startNanos() {
        return startNanos;
    }

    /**
     * Lowers the priority of the worker thread running this run, once, while it runs (the worker restores it after the
     * run); true when it did. No-op for a run on any other thread (the warm-up's, a caller's).
     */
    boolean demote() {
        synchronized (priority) {
            Thread worker = thread;
            if (demoted || released || worker == null || !worker.getName().startsWith(WorkerPool.THREAD_PREFIX)) {
                return false;
            }
            demoted = true;
            worker.setPriority(Thread.MIN_PRIORITY);
            return true;
        }
    }

    /** The run no longer runs guest code on its thread: it cannot be demoted any more. */
    void released() {
        synchronized (priority) {
            released = true;
        }
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    long allocatedAtStart() {
        return allocatedAtStart;
    }

    void allocatedAtStart(long bytes) {
        allocatedAtStart = bytes;
    }

    Duration timeout() {
        return timeout;
    }

    /** Makes {@code context} the one the watchdog closes; closes it at once when the run was already stopped. */
    void attach(Context attached) {
        context = attached;
        if (stop != null) {
            closeQuietly(attached);
        }
    }

    /**
     * Ends the run from another thread: records why, wakes the event loop, and hands the cancellation of running guest
     * code to a canceller thread ({@code Context.close(true)} waits until the guest leaves, which may be never).
     */
    void stop(Stop reason) {
        if (stop != null) {
            return;
        }
        stop = reason;
        completions.offer(() -> { });
        Context attached = context;
        if (attached != null) {
            canceller.execute(() -> closeQuietly(attached));
        }
    }

    Stop stopped() {
        return stop;
    }

    boolean settled() {
        return settlement != null;
    }

    // ---- called by the guest through the host bridge, on this invocation's thread

    /** False when the entry was dropped: the log is full, and the console then only counts what it drops. */
    boolean log(LogLevel level, String message, String extrasJson) {
        return logs.add(level, message, extrasJson);
    }

    void logDropped() {
        logs.dropped();
    }

    void settle(String kind, String text) {
        settlement = switch (kind) {
            case "ok" -> text.length() > limits.maxResultChars()
                    ? tooLarge(text.length())
                    : new Settlement(null, text, null);
            case "too-large" -> tooLarge(Long.parseLong(text));
            case "invalid" -> new Settlement(FailureCode.INVALID_RESULT, null, text);
            case "runtime" -> new Settlement(FailureCode.RUNTIME_ERROR, null, clip(text));
            default -> new Settlement(FailureCode.FAILED, null, clip(text));
        };
    }

    private Settlement tooLarge(long length) {
        return new Settlement(FailureCode.RESULT_TOO_LARGE, null, "the result is " + length + " characters of JSON; the limit is "
                + limits.maxResultChars());
    }

    /** Characters of a result's JSON ({@code "result"}) or of an error message ({@code "error"}) the executor takes. */
    int maxChars(String what) {
        return "result".equals(what) ? limits.maxResultChars() : limits.maxErrorChars();
    }

    void settleAgain(String kind) {
        LOG.debug("Invocation {} of {}: ignored a second completion ({})", request.invocationId(), request.functionId(), kind);
        logs.add(LogLevel.WARN, "[switchboard] the function completed more than once; ignored the later "
                + ("ok".equals(kind) ? "result" : "error"), null);
    }

    int setTimer(Value callback, long delayMillis) {
        return timers.schedule(callback, delayMillis, System.nanoTime());
    }

    void clearTimer(int id) {
        timers.cancel(id);
    }

    void callToolbelt(String moduleName, String operation, String argumentsJson, Value resolve, Value reject) {
        ToolbeltModule module = modules.apply(moduleName);
        if (module == null) {
            reject.executeVoid("Toolbelt module " + moduleName + " is not available: its bundle is not running");
            return;
        }
        if (++outboundCalls > limits.maxOutboundCalls()) {
            reject.executeVoid("Too many toolbelt calls: an invocation may make at most " + limits.maxOutboundCalls());
            return;
        }
        CompletionStage<String> answer;
        try {
            answer = module.call(new ToolbeltCall(operation, argumentsJson, scope));
        } catch (RuntimeException e) {
            reject.executeVoid(messageOf(e));
            return;
        }
        pendingCalls++;
        answer.whenComplete((text, failure) -> completions.offer(() -> {
            pendingCalls--;
            if (failure != null) {
                reject.executeVoid(messageOf(failure));
            } else {
                resolve.executeVoid(text);
            }
        }));
    }

    // ---- the event loop

    /** Runs timers and toolbelt completions until the function settles; the reason when it never did. */
    Stop runUntilSettled() {
        while (settlement == null) {
            Stop reason = stop;
            if (reason != null) {
                return reason;
            }
            long now = System.nanoTime();
            if (now - deadlineNanos >= 0) {
                return timedOut();
            }
            Value due = timers.takeDue(now);
            if (due != null) {
                due.executeVoid();
                continue;
            }
            Runnable done = completions.poll();
            if (done != null) {
                done.run();
                continue;
            }
            if (timers.isEmpty() && pendingCalls == 0) {
                return new Stop(FailureCode.TIMEOUT, "the function can never finish: it did not complete "
                        + "(callback not called or promise not settled) and no timer or toolbelt call is pending");
            }
            long wait = Math.min(deadlineNanos - now, timers.nextDueNanos() - now);
            try {
                done = completions.poll(Math.max(wait, 0), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Stop(FailureCode.EXECUTOR_STOPPED, "the invocation thread was interrupted");
            }
            if (done != null) {
                done.run();
            }
        }
        return null;
    }

    Stop timedOut() {
        return new Stop(FailureCode.TIMEOUT, "the function did not finish within " + timeout.toMillis() + " ms");
    }

    /** Forgets timers and pending calls so nothing of this run leaks into the next one on the same context. */
    void release() {
        timers.clear();
        completions.clear();
        context = null;
    }

    ExecutionResult result(Stop reason) {
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        if (reason != null) {
            return failure(reason.code(), reason.message(), duration);
        }
        if (settlement.failure() != null) {
            return failure(settlement.failure(), settlement.message(), duration);
        }
        return new ExecutionResult(Outcome.OK, settlement.resultJson(), null, logs.lines(), duration);
    }

    private ExecutionResult failure(FailureCode code, String message, Duration duration) {
        ExecutionError error = code.error(clip(message));
        return new ExecutionResult(code.outcome(), null, error, logs.lines(), duration);
    }

    /**
     * The message cut to at most {@code maxErrorChars} characters, note included: a function decides how long its error
     * text is. The prelude cuts the same way before the text leaves the guest, so a message it cut is not cut again.
     */
    private String clip(String message) {
        int max = limits.maxErrorChars();
        if (message == null || message.length() <= max) {
            return message;
        }
        String note = "... [" + message.length() + " characters in all]";
        return note.length() >= max ? message.substring(0, max) : message.substring(0, max - note.length()) + note;
    }

    static String messageOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private void closeQuietly(Context attached) {
        try {
            attached.close(true);
        } catch (RuntimeException e) {
            LOG.debug("Closing the context of invocation {} after a stop: {}", request.invocationId(), LogText.safe(e.toString()));
        }
    }
}
