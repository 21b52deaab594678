package io.switchboard.executor.graaljs.internal;

import io.switchboard.executor.toolbelt.ToolbeltModule;
import java.util.Map;

/** The GraalJS executor of the distribution, constructed and given toolbelt modules as DS would. */
public final class TemplateExecutor implements AutoCloseable {
    private final GraalJsExecutor executor = new GraalJsExecutor(TestConfigs.of(GraalJsExecutor.Config.class, Map.of()));

    public GraalJsExecutor executor() {
        return executor;
    }

    public TemplateExecutor with(String name, ToolbeltModule module) {
        executor.bindToolbeltModule(module, Map.of(ToolbeltModule.NAME_PROPERTY, name));
        return this;
    }

    @Override
    public void close() {
        executor.deactivate();
    }
}
