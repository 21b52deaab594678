package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.core.api.store.SecretStore;
import io.switchboard.core.internal.egress.EgressPolicyImpl;
import io.switchboard.executor.graaljs.internal.TestConfigs;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import java.util.Map;

/** The executor's own HTTP and secret toolbelt modules, set up as DS would, for running templates in tests. */
public final class TemplateToolbelt {
    private TemplateToolbelt() {
    }

    /** The HTTP client, admitted to loopback (the templates' tests call a stub there), as an operator may admit it. */
    public static ToolbeltModule httpClient() {
        return new HttpClientModule(TestConfigs.of(HttpClientModule.Config.class, Map.of()), EgressPolicyImpl.admitting("127.0.0.0/8"));
    }

    public static ToolbeltModule secretClient(SecretStore store) {
        SecretClientModule module = new SecretClientModule();
        module.store = store;
        return module;
    }
}
