package io.switchboard.executor.graaljs.internal;

import io.switchboard.core.api.execution.CallerRescue;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The executor's own threads for guest code. The caller hands a run over and waits for it until the run's deadline
 * plus a grace period, so it gets an answer even when the guest code cannot be stopped (see {@link UnstoppableRuns}):
 * only the worker thread is lost then, never the caller's. Each worker also measures the CPU time of its runs, which
 * the core's quarantine needs now that the caller's thread only waits. A caller that can be answered from another
 * thread ({@link CallerRescue}) runs its function on its own thread instead ({@link #runHere}): then its thread is what a
 * run that cannot be stopped costs, and its caller is answered from elsewhere.
 */
final class WorkerPool {
    static final String THREAD_PREFIX = "switchboard-js-worker-";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final ThreadLocal<Boolean> RUNNING_HERE = new ThreadLocal<>();
    private final Set<HereRun> here = ConcurrentHashMap.newKeySet();

    private final ThreadPoolExecutor threads;
    private final long graceNanos;
    private final UnstoppableRuns unstoppable;
    private final ExecutorHealth health;
    private final AtomicInteger numbers = new AtomicInteger();
    /** Gives up on started runs at their deadline plus grace (a caller of {@link #start} does not wait itself). */
    private final ScheduledThreadPoolExecutor deadlines;
    private final ThreadPoolExecutor settlements;

    /**
     * @param maxThreads guest threads at most (running runs, including runs that could not be stopped)
     * @param grace how long after a run's deadline its caller waits for the cancelled run to end
     */
    WorkerPool(int maxThreads, Duration grace, UnstoppableRuns unstoppable, ExecutorHealth health) {
        this.graceNanos = grace.toNanos();
        this.unstoppable = unstoppable;
        this.health = health;
        this.threads = new ThreadPoolExecutor(0, Math.max(1, maxThreads), 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, THREAD_PREFIX + numbers.incrementAndGet());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler(health::workerDied);
            return thread;
        });
        // Threads that hand a run given up at its deadline to its caller (rare: only runs that overran), so that the
        // timer thread never waits on what the caller does with it. Shut down once the deadlines are done: the
        // deadlines still set when the pool stops still fire and are answered.
        this.settlements = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "switchboard-js-overrun-" + numbers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.deadlines = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "switchboard-js-deadlines");
            thread.setDaemon(true);
            return thread;
        }) {
            @Override
            protected void terminated() {
                settlements.shutdown();
            }
        };
        // Nearly every run ends in time: its timer is cancelled and must not stay queued until its deadline.
        deadlines.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code task} for the invocation on a worker and returns its result, or a failure when it did not end in time. */
    ExecutionResult run(Invocation invocation, Function<Invocation, ExecutionResult> task) {
        CompletableFuture<ExecutionResult> answer = new CompletableFuture<>();
        try {
            threads.execute(() -> work(invocation, task, answer));
        } catch (RejectedExecutionException e) {
            return refusal(invocation);
        }
        long waitNanos = invocation.deadlineNanos() + graceNanos - System.nanoTime();
        try {
            return answer.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return abandon(invocation, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            invocation.stop(new Invocation.Stop(FailureCode.EXECUTOR_STOPPED, "the calling thread was interrupted"));
            return answer.getNow(invocation.result(new Invocation.Stop(FailureCode.EXECUTOR_STOPPED, "the calling thread was interrupted")));
        } catch (ExecutionException e) {
            throw new IllegalStateException("a worker failed to answer", e.getCause());
        }
    }

    /**
     * Hands the run to a worker and returns at once: the future completes with its result, or at the run's deadline plus
     * the grace with the same "could not be stopped" answer {@link #run} gives. Cancelling it stops the run.
     */
    CompletableFuture<ExecutionResult> start(Invocation invocation, Function<Invocation, ExecutionResult> task) {
        CompletableFuture<ExecutionResult> answer = new CompletableFuture<>();
        try {
            threads.execute(() -> work(invocation, task, answer));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(refusal(invocation));
        }
        CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        long waitNanos = invocation.deadlineNanos() + graceNanos - System.nanoTime();
        ScheduledFuture<?> giveUp;
        try {
            // The timer thread only works out the answer; whoever waits on the result (the core settles and records
            // the run) is completed on a thread of its own, so one slow settlement never delays another run's deadline.
            giveUp = deadlines.schedule(() -> {
                if (!answer.isDone()) {
                    ExecutionResult abandoned = abandon(invocation, answer);
                    CompletableFuture.runAsync(() -> result.complete(abandoned), settlements);
                }
            }, Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The pool is stopping: the run just handed over is stopped and answered as refused.
            invocation.stop(new Invocation.Stop(FailureCode.EXECUTOR_STOPPED, "the executor is stopping"));
            return CompletableFuture.completedFuture(refusal(invocation));
        }
        answer.whenComplete((ended, failure) -> {
            giveUp.cancel(false);
            if (failure != null) {
                result.completeExceptionally(new IllegalStateException("a worker failed to answer", failure));
            } else {
                result.complete(ended);
            }
        });
        result.whenComplete((ended, failure) -> {
            if (failure instanceof CancellationException) {
                giveUp.cancel(false);
                invocation.stop(new Invocation.Stop(FailureCode.EXECUTOR_STOPPED, "the caller stopped waiting"));
            }
        });
        return result;
    }

    private ExecutionResult refusal(Invocation invocation) {
        return threads.isShutdown()
                ? invocation.result(new Invocation.Stop(FailureCode.EXECUTOR_STOPPED, "the executor is stopping"))
                : invocation.result(new Invocation.Stop(FailureCode.EXECUTOR_BUSY, "all " + threads.getMaximumPoolSize()
                        + " executor threads are busy; try again later"));
    }

    private void work(Invocation invocation, Function<Invocation, ExecutionResult> task, CompletableFuture<ExecutionResult> answer) {
        runTask(invocation, task, answer::complete);
    }

    /**
     * Runs the task on this thread: the run's CPU time measured, an error escaping the runner answered (and then
     * rethrown), the thread's priority put back if the watchdog lowered it; {@code done} gets the result.
     */
    private void runTask(Invocation invocation, Function<Invocation, ExecutionResult> task, Consumer<ExecutionResult> done) {
        invocation.runOn(Thread.currentThread());
        long cpuBefore = cpuTime();
        ExecutionResult result = null;
        try {
            result = task.apply(invocation);
        } catch (OutOfMemoryError e) {
            health.outOfMemory(invocation, e);
            result = invocation.result(new Invocation.Stop(FailureCode.MEMORY_LIMIT, "the platform ran out of heap while the function ran"));
        } finally {
            if (result == null) {
                // An error escaped the runner: the caller still gets its answer now (not a false "could not be stopped"
                // at the deadline); the error then ends this thread, which /health reports as a dead worker.
                result = invocation.result(new Invocation.Stop(FailureCode.INTERNAL,
                        "the executor failed to run the function; see the platform log"));
            }
            long cpu = cpuBefore < 0 ? -1 : cpuTime() - cpuBefore;
            if (Thread.currentThread().getPriority() != Thread.NORM_PRIORITY) {
                // the watchdog lowered it for a long run (Watchdog#demoteAfterNanos): the next run starts as any other
                Thread.currentThread().setPriority(Thread.NORM_PRIORITY);
            }
            try {
                done.accept(cpu < 0 ? result : new ExecutionResult(result.outcome(), result.resultJson(), result.error(), result.logs(),
                        result.duration(), Duration.ofNanos(cpu)));
            } finally {
                unstoppable.ended(invocation);
            }
        }
    }

    /**
     * Runs {@code task} for the invocation on the calling thread, whose caller can be answered from elsewhere: no
     * hand-over to a worker and back. A run that has not ended at its deadline plus the grace is given up as {@link #run}
     * gives it up, by {@link #rescueOverdue} (no timer per run: scheduling and cancelling one woke the timer thread for
     * every event), and {@code rescue} answers its caller from a thread of its own with the "could not be stopped"
     * result; this thread is lost then, as a worker would be, until the run ends by itself.
     */
    ExecutionResult runHere(Invocation invocation, Function<Invocation, ExecutionResult> task, CallerRescue rescue) {
        if (threads.isShutdown()) {
            return invocation.result(new Invocation.Stop(FailureCode.EXECUTOR_STOPPED, "the executor is stopping"));
        }
        HereRun run = new HereRun(invocation, rescue, invocation.deadlineNanos() + graceNanos);
        here.add(run);
        RUNNING_HERE.set(Boolean.TRUE);
        try {
            runTask(invocation, task, run.answer::complete);
        } finally {
            RUNNING_HERE.remove();
            here.remove(run);
            // The run's cancellation may have interrupted this thread; it is the caller's (the HTTP server's), not ours.
            Thread.interrupted();
        }
        return run.answer.join();
    }

    /** A run on a caller's thread ({@link #runHere}). */
    private static final class HereRun {
        final Invocation invocation;
        final CallerRescue rescue;
        final long giveUpNanos;
        final CompletableFuture<ExecutionResult> answer = new CompletableFuture<>();

        HereRun(Invocation invocation, CallerRescue rescue, long giveUpNanos) {
            this.invocation = invocation;
            this.rescue = rescue;
            this.giveUpNanos = giveUpNanos;
        }
    }

    /**
     * Gives up the runs on callers' threads that are past their deadline plus the grace (with {@code all}, every one
     * still running: the executor stops), and has their callers answered; called by the executor's housekeeping.
     */
    void rescueOverdue(boolean all) {
        long now = System.nanoTime();
        for (HereRun run : here) {
            if ((all || now - run.giveUpNanos >= 0) && !run.answer.isDone() && here.remove(run)) {
                ExecutionResult abandoned = abandon(run.invocation, run.answer);
                if (abandoned.error() != null && ExecutionResult.UNSTOPPABLE.equals(abandoned.error().errorCode())) {
                    rescueOnItsOwnThread(run.rescue, abandoned);
                }
            }
        }
    }

    /** Runs on callers' threads now, for tests. */
    int callersThreadRuns() {
        return here.size();
    }

    private void rescueOnItsOwnThread(CallerRescue rescue, ExecutionResult abandoned) {
        try {
            settlements.execute(() -> rescue.rescue(abandoned));
        } catch (RejectedExecutionException stopping) {
            rescue.rescue(abandoned);
        }
    }

    /** The caller stops waiting: the run went past its deadline and grace, so its thread is lost until it ends by itself. */
    private ExecutionResult abandon(Invocation invocation, CompletableFuture<ExecutionResult> answer) {
        invocation.stop(invocation.timedOut());
        unstoppable.add(invocation, Duration.ofNanos(System.nanoTime() - invocation.deadlineNanos()));
        if (answer.isDone()) {
            // It ended while being reported: take the real result after all.
            unstoppable.ended(invocation);
            return answer.join();
        }
        String message = "the function did not finish within " + invocation.timeout().toMillis() + " ms and could not be stopped; "
                + "its thread keeps running until the platform restarts, and further runs of the function are refused";
        return new ExecutionResult(Outcome.TIMEOUT, null, new ExecutionError(ExecutionResult.UNSTOPPABLE, message), List.of(),
                Duration.ofNanos(System.nanoTime() - invocation.startNanos()), Duration.ofNanos(System.nanoTime() - invocation.startNanos()));
    }

    /**
     * Whether this thread is running a run of {@link #runHere} now: a run it starts from inside (a function calling
     * another on the same thread) goes to a worker, so that a rescue only ever gives up the outermost run.
     */
    static boolean runningHere() {
        return RUNNING_HERE.get() != null;
    }

    /** Live worker threads, for health and tests. */
    int threads() {
        return threads.getPoolSize();
    }

    /** Refuses new runs and interrupts idle and waiting workers; threads running guest code end with their runs. */
    void shutdown() {
        threads.shutdownNow();
        // What still runs on a caller's thread now did not stop within the executor's drain: its caller is answered.
        rescueOverdue(true);
        // shutdown, not shutdownNow: the deadlines already set still fire, so every started run is answered (a run
        // that will not stop is reported as such at its deadline) and its caller can settle it and free its permits.
        deadlines.shutdown();
    }

    private static long cpuTime() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }
}
