package io.switchboard.executor.graaljs.internal;

import io.switchboard.executor.toolbelt.ToolbeltModule;
import java.time.Duration;
import java.util.Map;

/** Lets tests in other packages start an executor and register toolbelt modules as DS would. */
public final class ExecutorHarness implements AutoCloseable {
    private final GraalJsExecutor executor;

    public ExecutorHarness(Map<String, Object> configuration) {
        executor = new GraalJsExecutor(TestConfigs.of(GraalJsExecutor.Config.class, configuration));
        try {
            if (!executor.awaitWarmUp(Duration.ofSeconds(30))) {
                throw new IllegalStateException("the executor did not finish its warm-up within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public GraalJsExecutor executor() {
        return executor;
    }

    public ExecutorHarness with(String name, ToolbeltModule module) {
        executor.bindToolbeltModule(module, Map.of(ToolbeltModule.NAME_PROPERTY, name));
        return this;
    }

    public void without(ToolbeltModule module) {
        executor.unbindToolbeltModule(module);
    }

    @Override
    public void close() {
        executor.deactivate();
    }
}
