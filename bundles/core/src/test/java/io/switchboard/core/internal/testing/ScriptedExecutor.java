package io.switchboard.core.internal.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.FunctionExecutor;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.execution.Outcome;

/** An executor whose behaviour a test scripts per request; keeps every request it got. */
public final class ScriptedExecutor implements FunctionExecutor {

    public final List<ExecutionRequest> requests = new CopyOnWriteArrayList<>();
    private final Function<ExecutionRequest, ExecutionResult> script;
    private final boolean stopsFunctions;

    public ScriptedExecutor(Function<ExecutionRequest, ExecutionResult> script) {
        this(script, false);
    }

    /** @param stopsFunctions what {@link #stopsFunctionsAtTheirTimeout()} answers */
    public ScriptedExecutor(Function<ExecutionRequest, ExecutionResult> script, boolean stopsFunctions) {
        this.script = script;
        this.stopsFunctions = stopsFunctions;
    }

    @Override
    public boolean stopsFunctionsAtTheirTimeout() {
        return stopsFunctions;
    }

    /** Answers every request with its input as the result. */
    public static ScriptedExecutor echo() {
        return new ScriptedExecutor(r -> ok(r.inputJson()));
    }

    public static ExecutionResult ok(String resultJson, LogLine... logs) {
        return new ExecutionResult(Outcome.OK, resultJson, null, List.of(logs), Duration.ofMillis(3));
    }

    public static ExecutionResult error(String code, String message) {
        return new ExecutionResult(Outcome.ERROR, null, new ExecutionError(code, message), List.of(), Duration.ofMillis(3));
    }

    @Override
    public ExecutionResult execute(ExecutionRequest request) {
        requests.add(request);
        return script.apply(request);
    }
}
