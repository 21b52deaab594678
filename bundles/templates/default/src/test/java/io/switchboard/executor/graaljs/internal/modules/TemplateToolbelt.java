package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.core.api.store.SecretStore;
import io.switchboard.executor.graaljs.internal.TestConfigs;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import java.util.Map;

/** The executor's own HTTP and secret toolbelt modules, set up as DS would, for running templates in tests. */
public final class TemplateToolbelt {
    private TemplateToolbelt() {
    }

    public static ToolbeltModule httpClient() {
        return new HttpClientModule(TestConfigs.of(HttpClientModule.Config.class, Map.of()));
    }

    public static ToolbeltModule secretClient(SecretStore store) {
        SecretClientModule module = new SecretClientModule();
        module.store = store;
        return module;
    }
}
