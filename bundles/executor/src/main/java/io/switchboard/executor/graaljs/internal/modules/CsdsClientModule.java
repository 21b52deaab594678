package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.core.api.egress.EgressPolicy;
import io.switchboard.executor.graaljs.internal.egress.EgressHttpClients;
import io.switchboard.executor.graaljs.internal.json.JsonText;
import io.switchboard.executor.toolbelt.InvocationScope;
import io.switchboard.executor.toolbelt.ToolbeltCall;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import io.switchboard.executor.toolbelt.ToolbeltModuleName;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * V2's {@code Toolbelt.CsdsClient()}: {@code get(service)} answers the domain LivePerson's service discovery names for a
 * service of the function's account, {@code getAll()} every {@code {service, account, baseURI}}; discovery at the account
 * setting {@code lpDiscoveryBaseUrl}, cached for ten minutes as LivePerson's client does. An unknown service rejects with
 * {@code code} {@code CSDS_NOT_FOUND}, a failing discovery with {@code CSDS_FAILURE}.
 */
@Component(service = ToolbeltModule.class, configurationPid = HttpClientModule.PID)
@ToolbeltModuleName("CsdsClient")
public final class CsdsClientModule implements ToolbeltModule {
    private static final long CACHE_MILLIS = 600_000;

    private final String facade = ModuleScripts.load("csds-client.js");
    private final HttpClient client;
    private final AccountOutbound outbound;
    private final LpDiscovery discovery;

    @Activate
    public CsdsClientModule(HttpClientModule.Config config, @Reference EgressPolicy egress, @Reference AccountOutbound outbound) {
        this(config, egress, outbound, Clock.systemUTC());
    }

    CsdsClientModule(HttpClientModule.Config config, EgressPolicy egress, AccountOutbound outbound, Clock clock) {
        this.outbound = outbound;
        this.client = EgressHttpClients.start("switchboard-function-csds", egress, new SslContextFactory.Client(),
                Duration.ofMillis(config.connectTimeoutMillis()));
        // The discovery URL is the account's own setting: it passes the allow-list; the egress policy still applies.
        this.discovery = new LpDiscovery(new HttpExchange(client, HttpClientModule.limits(config), (scope, host) -> true),
                CACHE_MILLIS, clock);
    }

    @Deactivate
    void deactivate() {
        EgressHttpClients.stop(client);
    }

    @Override
    public String facadeScript() {
        return facade;
    }

    @Override
    public CompletionStage<String> call(ToolbeltCall call) {
        InvocationScope scope = call.scope();
        String base = LpDiscovery.baseUrl(outbound, scope.account(), "CsdsClient");
        CompletableFuture<String> answer = switch (call.operation()) {
            case "get" -> discovery.domain(base, scope, ModuleArguments.string(call.argumentsJson(), 0)).thenApply(JsonText::quote);
            case "getAll" -> discovery.all(base, scope).thenApply(domains -> entries(domains, scope.account()));
            default -> throw new IllegalArgumentException("CsdsClient has no operation " + call.operation());
        };
        return answer.exceptionally(CsdsClientModule::asError);
    }

    private static String entries(Map<String, String> domains, String account) {
        StringBuilder json = new StringBuilder("[");
        domains.forEach((service, domain) -> {
            json.append(json.length() > 1 ? "," : "").append("{\"service\":");
            JsonText.quote(service, json).append(",\"account\":");
            JsonText.quote(account, json).append(",\"baseURI\":");
            JsonText.quote(domain, json).append('}');
        });
        return json.append(']').toString();
    }

    /** LivePerson's toolbelt error: the facade rejects with an Error whose {@code code} tells not-found from failure. */
    private static String asError(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String code = cause instanceof LpDiscovery.UnknownServiceException ? "CSDS_NOT_FOUND" : "CSDS_FAILURE";
        return toolbeltError("CsdsError", code, String.valueOf(cause.getMessage()));
    }

    /** An answer the facades turn into a thrown Error with this name and code (toolbelt-shared.js, orThrow). */
    static String toolbeltError(String name, String code, String message) {
        return "{\"error\":{\"name\":" + JsonText.quote(name) + ",\"code\":" + JsonText.quote(code) + ",\"message\":"
                + JsonText.quote(message) + "}}";
    }
}
