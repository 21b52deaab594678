package io.switchboard.executor.graaljs.internal.modules;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.executor.graaljs.internal.ExecutorHarness;
import io.switchboard.executor.graaljs.internal.Functions;
import io.switchboard.executor.toolbelt.ToolbeltCall;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoreModulesTest {
    private final MapStores.Secrets secretStore = new MapStores.Secrets();
    private final Map<String, String> secrets = secretStore.json;
    private final Map<String, String> contextValues = new ConcurrentHashMap<>();
    private final SecretClientModule secretModule = new SecretClientModule();
    private final ContextClientModule contextModule = new ContextClientModule();
    private ExecutorHarness harness;

    @BeforeEach
    void start() {
        secretModule.store = secretStore;
        contextModule.store = new MapStores.Context(contextValues);
        harness = new ExecutorHarness(Map.of()).with("SecretClient", secretModule).with("ContextServiceClient", contextModule);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void secretsAreReadAndUpdatedInTheFunctionsAccount() {
        secretStore.put("acme", "apiKey", "s3cret").put("other", "apiKey", "not yours");

        ExecutionResult result = run("""
                const { SecretClient } = require('lp-faas-toolbelt');
                async function lambda() {
                  const client = SecretClient();
                  const before = await client.readSecret('apiKey');
                  const updated = await client.updateSecret({ key: 'apiKey', value: 'rotated' });
                  let missing;
                  try { await client.readSecret('nope'); } catch (e) { missing = e.message; }
                  return [before, updated, missing];
                }""");

        assertThat(result.resultJson()).startsWith("[{\"key\":\"apiKey\",\"value\":\"s3cret\"},"
                + "{\"key\":\"apiKey\",\"value\":\"rotated\"},\"Secret nope does not exist in account acme");
        assertThat(secrets).containsEntry("acme/apiKey", "\"rotated\"").containsEntry("other/apiKey", "\"not yours\"");
    }

    @Test
    void missingSecretStoreRejectsWithAClearError() {
        secretModule.store = null;

        ExecutionResult result = run("""
                async function lambda() { return await require('lp-faas-toolbelt').SecretClient().readSecret('apiKey'); }""");

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.error().errorMsg()).isEqualTo("The secret store is not available right now; try again later");
    }

    @Test
    void contextStoreKeepsJsonValuesPerAccountAndNamespace() {
        ExecutionResult result = run("""
                async function lambda() {
                  const context = require('lp-faas-toolbelt').ContextServiceClient();
                  await context.set('session', 'cart', { items: [1, 2] });
                  await context.setPropertiesInNamespace('session', { step: 3 });
                  const cart = await context.get('session', 'cart');
                  const deleted = await context.delete('session', 'step');
                  return [cart, await context.getAll('session'), deleted, await context.get('session', 'step')];
                }""");

        assertThat(result.resultJson()).isEqualTo("[{\"items\":[1,2]},{\"cart\":{\"items\":[1,2]}},true,null]");
        assertThat(contextValues).containsKey("acme/session/cart").doesNotContainKey("acme/session/step");
    }

    @Test
    void missingContextStoreRejectsWithAClearError() {
        contextModule.store = null;

        ExecutionResult result = run("""
                async function lambda() { return await require('lp-faas-toolbelt').ContextServiceClient().get('a', 'b'); }""");

        assertThat(result.error().errorMsg()).isEqualTo("The context store is not available right now; try again later");
    }

    @Test
    void anotherBundlesModuleAppearsOnTheToolbeltAndLeavesWithIt() {
        ToolbeltModule crm = new ToolbeltModule() {
            @Override
            public String facadeScript() {
                return "(call) => function CrmClient() { return { lookup: (id) => call('lookup', id) }; }";
            }

            @Override
            public CompletionStage<String> call(ToolbeltCall call) {
                return CompletableFuture.completedFuture("{\"customer\":" + call.argumentsJson() + ",\"account\":\""
                        + call.scope().account() + "\"}");
            }
        };
        String code = """
                async function lambda() {
                  const toolbelt = require('lp-faas-toolbelt');
                  if (!toolbelt.CrmClient) return Object.keys(toolbelt).sort();
                  return await toolbelt.CrmClient().lookup('c-1');
                }""";

        harness.with("CrmClient", crm);
        ExecutionResult with = run(code);
        harness.without(crm);
        ExecutionResult without = run(code);

        assertThat(with.resultJson()).isEqualTo("{\"customer\":[\"c-1\"],\"account\":\"acme\"}");
        assertThat(without.resultJson()).isEqualTo("[\"ContextServiceClient\",\"SecretClient\"]");
    }

    private ExecutionResult run(String code) {
        return harness.executor().execute(Functions.withDomains(code, List.of()));
    }
}
