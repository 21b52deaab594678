package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.executor.toolbelt.ToolbeltModule;
import io.switchboard.executor.toolbelt.ToolbeltModuleName;
import org.osgi.service.component.annotations.Component;

/** {@code Toolbelt.SDEUtil()}: LivePerson's addSDEs (Engagement Attributes API through LpClient) and getSDEsFromConv. */
@Component(service = ToolbeltModule.class)
@ToolbeltModuleName("SDEUtil")
public final class SdeUtilModule extends FacadeOnlyModule {
    public SdeUtilModule() {
        super("SDEUtil", "sde-util.js");
    }
}
