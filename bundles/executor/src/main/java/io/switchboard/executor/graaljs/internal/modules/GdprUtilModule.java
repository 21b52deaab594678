package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.executor.toolbelt.ToolbeltModule;
import io.switchboard.executor.toolbelt.ToolbeltModuleName;
import org.osgi.service.component.annotations.Component;

/** {@code Toolbelt.GDPRUtil()}: LivePerson's replaceConversationFiles, over HTTPClient and LpClient. */
@Component(service = ToolbeltModule.class)
@ToolbeltModuleName("GDPRUtil")
public final class GdprUtilModule extends FacadeOnlyModule {
    public GdprUtilModule() {
        super("GDPRUtil", "gdpr-util.js");
    }
}
