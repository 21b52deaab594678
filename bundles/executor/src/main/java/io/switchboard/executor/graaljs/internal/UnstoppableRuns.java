package io.switchboard.executor.graaljs.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs that went on after they were cancelled and their grace period passed. GraalJS cannot always stop guest code: a
 * recursion that catches its own stack overflow ({@code function f() { try { return f(); } catch (e) { return f(); } }})
 * loses every cancellation Truffle throws into it, because the unwinding overflows the stack again and the guest's
 * {@code catch} turns that into a {@code RangeError}. Such a thread keeps its CPU core until the platform restarts; the
 * executor reports it in {@code /health} and refuses further runs of its function, so one function cannot take more
 * than one thread this way.
 */
final class UnstoppableRuns {
    private static final Logger LOG = LoggerFactory.getLogger(UnstoppableRuns.class);

    /** One run that could not be stopped. */
    record Run(String invocationId, String account, String functionId, Thread thread, Instant since) {
    }

    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final Clock clock;

    UnstoppableRuns(Clock clock) {
        this.clock = clock;
    }

    /** Records that the invocation's thread still runs guest code after cancellation and grace. */
    void add(Invocation invocation, Duration afterDeadline) {
        var request = invocation.request();
        Run run = new Run(request.invocationId(), request.account(), request.functionId(), invocation.thread(), clock.instant());
        runs.put(request.invocationId(), run);
        LOG.error("Invocation {} of function {} (account {}) could not be stopped {} ms after its deadline: thread {} keeps running "
                + "it and holds a CPU core until the platform restarts; further runs of the function are refused",
                request.invocationId(), request.functionId(), request.account(), afterDeadline.toMillis(),
                run.thread() == null ? "?" : run.thread().getName());
    }

    /** The invocation ended after all (its thread came back): it no longer counts. */
    void ended(Invocation invocation) {
        if (runs.remove(invocation.request().invocationId()) != null) {
            LOG.warn("Invocation {} of function {} ended after it had been reported as impossible to stop",
                    invocation.request().invocationId(), invocation.request().functionId());
        }
    }

    /** Whether a run of the function could not be stopped and still holds its thread. */
    boolean holds(String functionId) {
        return runs.values().stream().anyMatch(run -> run.functionId().equals(functionId));
    }

    int count() {
        return runs.size();
    }

    /** One health problem per run that could not be stopped, oldest first. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        runs.values().stream().sorted(Comparator.comparing(Run::since)).forEach(run -> problems.add("invocation "
                + run.invocationId() + " of function " + run.functionId() + " (account " + run.account() + ") could not be stopped; "
                + "since " + run.since() + " thread " + (run.thread() == null ? "?" : run.thread().getName())
                + " keeps running it and holds a CPU core until the platform restarts; runs of the function are refused"));
        return problems;
    }
}
