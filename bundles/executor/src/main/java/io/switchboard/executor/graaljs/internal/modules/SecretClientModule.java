package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.core.api.store.SecretStore;
import io.switchboard.executor.graaljs.internal.json.JsonText;
import io.switchboard.executor.toolbelt.ToolbeltCall;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import io.switchboard.executor.toolbelt.ToolbeltModuleName;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code Toolbelt.SecretClient()}: {@code readSecret(key)} resolves {@code {key, value}} with the value as stored (any
 * JSON value), {@code updateSecret({key, value})} replaces the value of an existing secret; a missing secret is a
 * {@code SecretError} (LivePerson creates secrets only in its UI; here the REST API does). The function's account only,
 * through the core's {@link SecretStore}.
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
            return done(secretError("SECRET_STORE_UNAVAILABLE", "The secret store is not available right now; try again later"));
        }
        String account = call.scope().account();
        String name = ModuleArguments.string(call.argumentsJson(), 0);
        return switch (call.operation()) {
            case "read" -> done(secrets.readJson(account, name)
                    .map(value -> secret(name, value))
                    .orElseGet(() -> missing(name, account)));
            case "update" -> {
                String valueJson = ModuleArguments.string(call.argumentsJson(), 1);
                try {
                    yield done(secrets.updateJson(account, name, valueJson) ? secret(name, valueJson) : missing(name, account));
                } catch (RuntimeException refused) {
                    // The core's validation (size, name) speaks to the function's author.
                    yield done(secretError("SECRET_UPDATE_FAILED", "Secret " + name + " was not updated: " + refused.getMessage()));
                }
            }
            default -> throw new IllegalArgumentException("SecretClient has no operation " + call.operation());
        };
    }

    private static CompletableFuture<String> done(String answer) {
        return CompletableFuture.completedFuture(answer);
    }

    private static String missing(String name, String account) {
        return secretError("SECRET_NOT_FOUND", "Secret " + name + " does not exist in account " + account
                + "; create it with the REST API (POST /api/v1/accounts/" + account + "/secrets) first");
    }

    private static String secret(String name, String valueJson) {
        return "{\"key\":" + JsonText.quote(name) + ",\"value\":" + valueJson + "}";
    }

    /** An answer the facade turns into a thrown {@code SecretError} with this code. */
    static String secretError(String code, String message) {
        return "{\"error\":{\"name\":\"SecretError\",\"code\":" + JsonText.quote(code) + ",\"message\":" + JsonText.quote(message) + "}}";
    }
}
