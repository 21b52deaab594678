package io.switchboard.core.internal.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.execution.CallerRescue;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.FunctionExecutor;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.trace.TraceParent;
import io.switchboard.core.internal.function.DeployedFunction;
import io.switchboard.core.internal.id.TimeOrderedIds;

/**
 * Runs functions for a caller that waits. When the executor stops functions at their timeout itself, one function runs on
 * the caller's thread and several are started from it on the executor's threads; otherwise each runs on a pool thread that
 * waits for it. A caller never waits longer than a function's timeout plus a grace.
 */
final class SyncRunner {

    private final FunctionRunner runner;
    private final ExecutorService pool;
    private final Duration grace;
    private final Supplier<FunctionExecutor> executor;

    SyncRunner(FunctionRunner runner, ExecutorService pool, Duration grace, Supplier<FunctionExecutor> executor) {
        this.runner = runner;
        this.pool = pool;
        this.grace = grace;
        this.executor = executor;
    }

    /**
     * Runs every function with its permit (null: none held, e.g. a function called by another) and returns their
     * outcomes in the order given.
     */
    List<FunctionOutcome> runAll(List<DeployedFunction> functions, String payloadJson, InvocationContext context,
            List<ConcurrencyLimiter.Permit> permits) {
        boolean inline = runsInline();
        if (functions.size() == 1 && inline) {
            return List.of(runHere(functions.get(0), payloadJson, context, permits.get(0)));
        }
        List<Running> running = inline ? startAll(functions, payloadJson, context, permits) : new ArrayList<>();
        for (int i = running.size(); i < functions.size(); i++) {
            running.add(submit(functions.get(i), payloadJson, context, permits.get(i)));
        }
        List<FunctionOutcome> outcomes = new ArrayList<>();
        for (Running r : running) {
            outcomes.add(await(r));
        }
        return outcomes;
    }

    /** Runs one function on the pool and waits for it (the caller's thread may be a function's own). */
    FunctionOutcome runOnPool(DeployedFunction function, String payloadJson, InvocationContext context) {
        return await(submit(function, payloadJson, context, null));
    }

    /** Whether one function may run on the caller's thread: the executor promises to stop it at its timeout. */
    boolean runsInline() {
        FunctionExecutor current = executor.get();
        return current != null && current.stopsFunctionsAtTheirTimeout();
    }

    private FunctionOutcome runHere(DeployedFunction function, String payloadJson, InvocationContext context, ConcurrencyLimiter.Permit permit) {
        CallerRescue rescue = CallerRescue.current();
        if (rescue != null && permit != null) {
            // A run given up because it cannot be stopped no longer counts against its limits, as when a worker ran it.
            rescue.beforeAnswer(abandoned -> permit.close());
        }
        try {
            return runner.run(TimeOrderedIds.next(), function, payloadJson, context);
        } finally {
            if (permit != null) {
                permit.close();
            }
        }
    }

    /**
     * Starts every function from this thread on the executor's own threads (it stops them at their timeout): no pool
     * thread that only waits, and what is the same for every function of the event (the input text, the caller's trace)
     * made once. Each run is judged, checked and recorded on the thread that ends it, its permit released after that.
     */
    private List<Running> startAll(List<DeployedFunction> functions, String payloadJson, InvocationContext context,
            List<ConcurrencyLimiter.Permit> permits) {
        String input = FunctionRunner.input(payloadJson, context.headers());
        Optional<TraceParent> caller = TraceParent.of(context.headers());
        List<Running> running = new ArrayList<>(functions.size());
        for (int i = 0; i < functions.size(); i++) {
            DeployedFunction function = functions.get(i);
            ConcurrencyLimiter.Permit permit = permits.get(i);
            String invocationId = TimeOrderedIds.next();
            TraceParent trace = caller.map(TraceParent::child).orElseGet(TraceParent::newTrace);
            try {
                running.add(new Running(invocationId, function, runner.start(invocationId, function, input, trace, context, pool)
                        .whenComplete((outcome, failure) -> release(permit))));
            } catch (RuntimeException e) {
                // Not started: this permit and those of the functions after it are released here, the started ones by their runs.
                permits.subList(i, permits.size()).forEach(SyncRunner::release);
                throw e;
            }
        }
        return running;
    }

    private static void release(ConcurrencyLimiter.Permit permit) {
        if (permit != null) {
            permit.close();
        }
    }

    /** One function running on the pool, under an invocation id known before it starts. */
    private record Running(String invocationId, DeployedFunction function, CompletableFuture<FunctionOutcome> future) {
    }

    private Running submit(DeployedFunction function, String payloadJson, InvocationContext context, ConcurrencyLimiter.Permit permit) {
        String invocationId = TimeOrderedIds.next();
        try {
            return new Running(invocationId, function, CompletableFuture.supplyAsync(() -> {
                try {
                    return runner.run(invocationId, function, payloadJson, context);
                } finally {
                    if (permit != null) {
                        permit.close();
                    }
                }
            }, pool));
        } catch (RuntimeException e) {
            if (permit != null) {
                permit.close();
            }
            throw e;
        }
    }

    /**
     * Waits for one function; an executor that overruns the function's timeout is reported as a timeout (its
     * record is written under the same invocation id when it finally returns).
     */
    private FunctionOutcome await(Running running) {
        long budgetMs = running.function().timeout().plus(grace).toMillis();
        try {
            return running.future().get(budgetMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return notFinished(running, Outcome.TIMEOUT, "the executor did not return within " + budgetMs + " ms");
        } catch (ExecutionException e) {
            return notFinished(running, Outcome.ERROR, "the platform failed running the function: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return notFinished(running, Outcome.REJECTED, "the caller was interrupted while waiting");
        }
    }

    private static FunctionOutcome notFinished(Running running, Outcome outcome, String message) {
        DeployedFunction function = running.function();
        return new FunctionOutcome(running.invocationId(), function.functionId(), function.name(), function.version(), outcome, null,
                new ExecutionError("com.switchboard.dispatch." + outcome.name().toLowerCase(Locale.ROOT), message), List.of());
    }
}
