package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.core.api.store.ContextStore;
import io.switchboard.executor.graaljs.internal.json.JsonText;
import io.switchboard.executor.toolbelt.ToolbeltCall;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import io.switchboard.executor.toolbelt.ToolbeltModuleName;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code Toolbelt.ContextServiceClient()}: a small key-value store per account and namespace, shared by the
 * account's functions, through the core's {@link ContextStore}. Values travel as JSON text.
 */
@Component(service = ToolbeltModule.class)
@ToolbeltModuleName("ContextServiceClient")
public final class ContextClientModule implements ToolbeltModule {
    private final String facade = ModuleScripts.load("context-client.js");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ContextStore store;

    @Override
    public String facadeScript() {
        return facade;
    }

    @Override
    public CompletionStage<String> call(ToolbeltCall call) {
        ContextStore context = store;
        if (context == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("The context store is not available right now; try again later"));
        }
        String account = call.scope().account();
        String arguments = call.argumentsJson();
        String namespace = ModuleArguments.string(arguments, 0);
        String answer = switch (call.operation()) {
            case "get" -> context.get(account, namespace, ModuleArguments.string(arguments, 1)).orElse(null);
            case "getAll" -> object(context.getAll(account, namespace));
            case "set" -> {
                context.put(account, namespace, ModuleArguments.string(arguments, 1), ModuleArguments.string(arguments, 2));
                yield null;
            }
            case "delete" -> Boolean.toString(context.delete(account, namespace, ModuleArguments.string(arguments, 1)));
            default -> throw new IllegalArgumentException("ContextServiceClient has no operation " + call.operation());
        };
        return CompletableFuture.completedFuture(answer);
    }

    /** A JSON object of stored values, which already are JSON text. */
    private static String object(Map<String, String> values) {
        StringBuilder json = new StringBuilder("{");
        values.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            JsonText.quote(key, json).append(':').append(value);
        });
        return json.append('}').toString();
    }
}
