package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.executor.toolbelt.ToolbeltCall;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A toolbelt member that is JavaScript only (built on other members, e.g. ConversationUtil on LpClient): no host side. */
abstract class FacadeOnlyModule implements ToolbeltModule {
    private final String name;
    private final String facade;

    FacadeOnlyModule(String name, String script) {
        this.name = name;
        this.facade = ModuleScripts.load(script);
    }

    @Override
    public final String facadeScript() {
        return facade;
    }

    @Override
    public final CompletionStage<String> call(ToolbeltCall call) {
        return CompletableFuture.failedFuture(new IllegalArgumentException(name + " has no host operation " + call.operation()));
    }
}
