package io.switchboard.core.internal.testing;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a {@link DatabaseTest} class on PostgreSQL only when one is reachable; says so loudly once per run when it is
 * not, and fails the class instead under {@code CI=true}, where the PostgreSQL suites are required.
 */
public final class PostgresAvailable implements ExecutionCondition {

    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static volatile Optional<String> problem;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!TestDatabase.postgres()) {
            return ConditionEvaluationResult.enabled("runs on H2");
        }
        PostgresServer server = PostgresServer.configured();
        Optional<String> why = problem();
        if (why.isEmpty()) {
            return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + server.url());
        }
        String message = "PostgreSQL is not reachable at " + server.url() + " as " + server.user() + " (" + why.get()
                + "); set SWITCHBOARD_TEST_POSTGRES_URL/_USER/_PASSWORD";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + ". Under CI=true the PostgreSQL suites must run (.ci/run starts a PostgreSQL)");
        }
        if (WARNED.compareAndSet(false, true)) {
            System.err.println("[WARNING] " + message + ": the PostgreSQL suites of the core are SKIPPED");
        }
        return ConditionEvaluationResult.disabled("[WARNING] " + message);
    }

    private static Optional<String> problem() {
        Optional<String> known = problem;
        if (known == null) {
            known = PostgresServer.configured().unreachable();
            problem = known;
        }
        return known;
    }
}
