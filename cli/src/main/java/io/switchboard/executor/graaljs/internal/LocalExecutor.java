package io.switchboard.executor.graaljs.internal;

import io.switchboard.cli.local.Defaults;
import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.executor.graaljs.internal.modules.LocalToolbelt;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import java.time.Duration;
import java.util.Map;

/**
 * The server's GraalJS executor outside OSGi: the same {@link GraalJsExecutor} with the configuration defaults the
 * distribution runs with and the toolbelt modules bound as DS binds them. It is in the executor's package (on the CLI's
 * plain class path) to bind the modules through the executor's own package-private bind method; nothing of the executor
 * is changed or copied.
 */
public final class LocalExecutor implements AutoCloseable {
    private final GraalJsExecutor executor;
    private final LocalToolbelt toolbelt;

    public LocalExecutor(LocalToolbelt toolbelt, Map<String, Object> configOverrides) {
        this.toolbelt = toolbelt;
        this.executor = new GraalJsExecutor(Defaults.of(GraalJsExecutor.Config.class, configOverrides));
        toolbelt.modules().forEach((name, module) -> executor.bindToolbeltModule(module, Map.of(ToolbeltModule.NAME_PROPERTY, name)));
    }

    /** Runs once, after the executor's warm-up (so the run's time is its own, as on a warm server). */
    public ExecutionResult run(ExecutionRequest request) throws InterruptedException {
        executor.awaitWarmUp(Duration.ofMinutes(2));
        return executor.execute(request);
    }

    @Override
    public void close() {
        executor.deactivate();
        toolbelt.close();
    }
}
