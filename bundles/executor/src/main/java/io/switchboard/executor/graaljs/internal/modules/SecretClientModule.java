package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.core.api.store.SecretStore;
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
 * {@code Toolbelt.SecretClient()}: {@code readSecret(name)} and {@code updateSecret({key, value})} on the
 * secrets of the function's own account, through the core's {@link SecretStore}.
 */
@Component(service = ToolbeltModule.class)
@ToolbeltModuleName("SecretClient")
public final class SecretClientModule implements ToolbeltModule {
    private final String facade = ModuleScripts.load("secret-client.js");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile SecretStore store;

    @Override
    public String facadeScript() {
        return facade;
    }

    @Override
    public CompletionStage<String> call(ToolbeltCall call) {
        SecretStore secrets = store;
        if (secrets == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("The secret store is not available right now; try again later"));
        }
        String account = call.scope().account();
        return switch (call.operation()) {
            case "read" -> {
                String name = ModuleArguments.string(call.argumentsJson(), 0);
                yield secrets.read(account, name)
                        .map(value -> CompletableFuture.completedFuture(secret(name, value)))
                        .orElseGet(() -> CompletableFuture.failedFuture(new IllegalArgumentException(
                                "Secret " + name + " does not exist in account " + account)));
            }
            case "update" -> {
                Map<String, Object> secret = ModuleArguments.object(call.argumentsJson(), 0);
                if (!(secret.get("key") instanceof String name) || name.isBlank() || !(secret.get("value") instanceof String value)) {
                    throw new IllegalArgumentException("updateSecret needs {key, value} with a non-empty key and a string value");
                }
                secrets.write(account, name, value);
                yield CompletableFuture.completedFuture(secret(name, value));
            }
            default -> throw new IllegalArgumentException("SecretClient has no operation " + call.operation());
        };
    }

    private static String secret(String name, String value) {
        return "{\"key\":" + JsonText.quote(name) + ",\"value\":" + JsonText.quote(value) + "}";
    }
}
