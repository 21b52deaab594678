package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.executor.toolbelt.ToolbeltModule;
import io.switchboard.executor.toolbelt.ToolbeltModuleName;
import org.osgi.service.component.annotations.Component;

/** {@code Toolbelt.SFClient()}: not offered (jsforce needs Node's sockets); the factory throws an error naming the alternative. */
@Component(service = ToolbeltModule.class)
@ToolbeltModuleName("SFClient")
public final class SfClientModule extends FacadeOnlyModule {
    public SfClientModule() {
        super("SFClient", "sf-client.js");
    }
}
