package io.switchboard.health.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;

/** Runs the Felix health checks of a tag and turns their results into the report's checks. */
final class FelixChecks {

    static final String NO_EXECUTOR = "Felix Health Checks' executor is not running (bundle org.apache.felix.healthcheck.core): "
            + "no check can be run";

    private FelixChecks() {
    }

    /** @param executor Felix's, or null while it is not there (then that is the one, critical, problem) */
    static List<CheckSnapshot> run(HealthCheckExecutor executor, String tag) {
        if (executor == null) {
            return List.of(new CheckSnapshot("health-checks", List.of(NO_EXECUTOR)));
        }
        // Always run: a probe must tell the state now, not a result cached from before (the executor's default cache).
        List<HealthCheckExecutionResult> results = executor.execute(HealthCheckSelector.tags(tag),
                new HealthCheckExecutionOptions().setForceInstantExecution(true));
        return results.stream().map(FelixChecks::snapshot).sorted(Comparator.comparing(CheckSnapshot::name)).toList();
    }

    static CheckSnapshot snapshot(HealthCheckExecutionResult execution) {
        String name = execution.getHealthCheckMetadata().getName();
        Result result = execution.getHealthCheckResult();
        if (execution.hasTimedOut()) {
            return new CheckSnapshot(name, List.of("the check did not answer in time (" + execution.getElapsedTimeInMs() + " ms)"));
        }
        List<String> problems = new ArrayList<>();
        for (ResultLog.Entry entry : result) {
            if (entry.getStatus().ordinal() >= Result.Status.WARN.ordinal()) {
                problems.add(entry.getMessage() + (entry.getException() == null ? "" : ": " + entry.getException()));
            }
        }
        boolean critical = result.getStatus().ordinal() > Result.Status.WARN.ordinal();
        if (critical && problems.isEmpty()) {
            problems.add("status " + result.getStatus());
        }
        return new CheckSnapshot(name, problems, critical || problems.isEmpty());
    }
}
