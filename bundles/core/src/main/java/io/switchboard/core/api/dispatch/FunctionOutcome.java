package io.switchboard.core.api.dispatch;

import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.execution.Outcome;
import java.util.List;

/**
 * What one function did with one invocation.
 *
 * @param invocationId id of the invocation record
 * @param functionId the function's id
 * @param functionName the function's name
 * @param version the deployed version that ran (0 for a draft run manually)
 * @param outcome ok, error, timeout or rejected
 * @param resultJson the function's result as JSON text when the outcome is OK, else null
 * @param error the error when the outcome is not OK, else null
 * @param logs the lines the function logged
 */
public record FunctionOutcome(
        String invocationId,
        String functionId,
        String functionName,
        int version,
        Outcome outcome,
        String resultJson,
        ExecutionError error,
        List<LogLine> logs) {
    public FunctionOutcome {
        logs = logs == null ? List.of() : List.copyOf(logs);
    }
}
