package io.switchboard.health.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckMetadata;
import org.junit.jupiter.api.Test;

class FelixChecksTest {

    private static HealthCheckExecutionResult executed(String name, HealthCheck check) {
        HealthCheckExecutionResult execution = mock(HealthCheckExecutionResult.class);
        HealthCheckMetadata metadata = mock(HealthCheckMetadata.class);
        when(metadata.getName()).thenReturn(name);
        when(execution.getHealthCheckMetadata()).thenReturn(metadata);
        when(execution.getHealthCheckResult()).thenReturn(check.execute());
        return execution;
    }

    @Test
    void aContributedChecksProblemsAreCriticalUnlessItIsAWarningCheck() {
        CheckSnapshot critical = FelixChecks.snapshot(executed("async-queue",
                new SupplierHealthCheck("async-queue", () -> List.of("worker switchboard-async-1 died: boom"), true)));
        CheckSnapshot warning = FelixChecks.snapshot(executed("configuration",
                new SupplierHealthCheck("configuration", () -> List.of("maxTimeoutMillis=-5 refused"), false)));
        CheckSnapshot healthy = FelixChecks.snapshot(executed("templates", new SupplierHealthCheck("templates", List::of, true)));

        assertThat(critical).isEqualTo(new CheckSnapshot("async-queue", List.of("worker switchboard-async-1 died: boom"), true));
        assertThat(critical.status()).isEqualTo("DOWN");
        assertThat(warning.status()).isEqualTo("WARN");
        assertThat(warning.problems()).containsExactly("maxTimeoutMillis=-5 refused");
        assertThat(healthy.status()).isEqualTo("UP");
    }

    @Test
    void aCheckThatThrowsOrTimesOutIsAProblem() {
        CheckSnapshot thrown = FelixChecks.snapshot(executed("broken", new SupplierHealthCheck("broken", () -> {
            throw new IllegalStateException("no database");
        }, true)));
        HealthCheckExecutionResult late = executed("slow", () -> new Result(Result.Status.OK, "fine"));
        when(late.hasTimedOut()).thenReturn(true);
        when(late.getElapsedTimeInMs()).thenReturn(2000L);

        assertThat(thrown.status()).isEqualTo("DOWN");
        assertThat(thrown.problems()).singleElement().asString().contains("no database");
        assertThat(FelixChecks.snapshot(late).problems()).containsExactly("the check did not answer in time (2000 ms)");
    }

    @Test
    void withoutFelixsExecutorTheProbeSaysDownNamingIt() {
        HealthReport report = new HealthReport(List.of(), List.of(), FelixChecks.run(null, Tags.SWITCHBOARD));

        assertThat(report.up()).isFalse();
        assertThat(report.problems()).singleElement().asString().contains("org.apache.felix.healthcheck.core");
    }
}
