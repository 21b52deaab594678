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
 */
public record ExecutionResult(Outcome outcome, String resultJson, ExecutionError error, List<LogLine> logs, Duration duration) {
    public ExecutionResult {
        logs = logs == null ? List.of() : List.copyOf(logs);
    }
}
