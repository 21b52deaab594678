package io.switchboard.core.api.execution;

import java.time.Duration;
import java.util.List;

/**
 * What an executor reports back for one {@link ExecutionRequest}.
 *
 * @param outcome how the run ended
 * @param resultJson the result as JSON text when {@code outcome} is OK ({@code null} is JSON {@code null}), else null
 * @param error why there is no result when {@code outcome} is not OK, else null
 * @param logs the lines the function logged, already bounded by the executor
 * @param duration wall-clock time of the run
 * @param cpuTime CPU time the run's guest code used, when the executor ran it on a thread of its own and measured it;
 *                null when unknown (the core then measures the calling thread)
 */
public record ExecutionResult(Outcome outcome, String resultJson, ExecutionError error, List<LogLine> logs, Duration duration,
        Duration cpuTime) {

    /**
     * Error code (outcome {@link Outcome#TIMEOUT}) of a run the executor could not stop: its thread still runs the
     * function and keeps a CPU core busy. The core quarantines the function whatever CPU time it measured.
     */
    public static final String UNSTOPPABLE = "com.switchboard.executor.unstoppable";

    public ExecutionResult {
        logs = logs == null ? List.of() : List.copyOf(logs);
    }

    /** A result without a CPU measurement. */
    public ExecutionResult(Outcome outcome, String resultJson, ExecutionError error, List<LogLine> logs, Duration duration) {
        this(outcome, resultJson, error, logs, duration, null);
    }
}
