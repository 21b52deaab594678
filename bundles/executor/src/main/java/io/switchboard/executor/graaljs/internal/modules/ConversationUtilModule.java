package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.executor.toolbelt.ToolbeltModule;
import io.switchboard.executor.toolbelt.ToolbeltModuleName;
import org.osgi.service.component.annotations.Component;

/** {@code Toolbelt.ConversationUtil()}: LivePerson's getConversationById (Messaging Interactions API through LpClient) and scanConversationForKeywords. */
@Component(service = ToolbeltModule.class)
@ToolbeltModuleName("ConversationUtil")
public final class ConversationUtilModule extends FacadeOnlyModule {
    public ConversationUtilModule() {
        super("ConversationUtil", "conversation-util.js");
    }
}
