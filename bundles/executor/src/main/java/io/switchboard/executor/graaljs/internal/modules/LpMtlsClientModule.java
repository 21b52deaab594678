package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.core.api.egress.EgressPolicy;
import io.switchboard.core.api.store.SecretStore;
import io.switchboard.executor.graaljs.internal.egress.EgressHttpClients;
import io.switchboard.executor.graaljs.internal.json.JsonText;
import io.switchboard.executor.toolbelt.InvocationScope;
import io.switchboard.executor.toolbelt.ToolbeltCall;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import io.switchboard.executor.toolbelt.ToolbeltModuleName;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * V2's {@code Toolbelt.LPMtlsClient()}: {@code get/post(url, headers?, body?, {json, timeout})} through LivePerson's mTLS
 * gateway, which holds the account's certificates and their domain mappings. As LivePerson's client: the gateway is the
 * discovered service {@code mtlsGateway} ({@code /mtls/account/<account>}, the target in {@code LP-forward-url}), its
 * bearer token comes from the discovered {@code sentinel} for the OAuth2 client credentials {@code {client_id,
 * client_secret}} in the secret {@code lp-faas-default-app-key}, and an {@code Authorization} of the function's own
 * travels as {@code LP-authorization-override}. Services are called with the discovery URL's scheme, as LpClient's.
 */
@Component(service = ToolbeltModule.class, configurationPid = HttpClientModule.PID)
@ToolbeltModuleName("LPMtlsClient")
public final class LpMtlsClientModule implements ToolbeltModule {
    static final String GATEWAY_SERVICE = "mtlsGateway";
    static final String TOKEN_SERVICE = "sentinel";
    private static final long DISCOVERY_CACHE_MILLIS = 600_000;

    private final String facade = ModuleScripts.load("lp-mtls-client.js");
    private final HttpClient client;
    private final AccountOutbound outbound;
    private final HttpExchange exchange;
    private final LpDiscovery discovery;
    private final LpAccessTokens tokens;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile SecretStore secrets;

    @Activate
    public LpMtlsClientModule(HttpClientModule.Config config, @Reference EgressPolicy egress, @Reference AccountOutbound outbound) {
        this(config, egress, outbound, Clock.systemUTC());
    }

    LpMtlsClientModule(HttpClientModule.Config config, EgressPolicy egress, AccountOutbound outbound, Clock clock) {
        this.outbound = outbound;
        this.client = EgressHttpClients.start("switchboard-function-lp-mtls", egress, new SslContextFactory.Client(),
                Duration.ofMillis(config.connectTimeoutMillis()));
        // Only LivePerson's discovered services are called (the gateway reaches the target): they pass the allow-list,
        // the egress policy still applies.
        this.exchange = new HttpExchange(client, HttpClientModule.limits(config), (scope, host) -> true);
        this.discovery = new LpDiscovery(exchange, DISCOVERY_CACHE_MILLIS, clock);
        this.tokens = new LpAccessTokens(exchange, clock);
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
        if (!"request".equals(call.operation())) {
            throw new IllegalArgumentException("LPMtlsClient has no operation " + call.operation());
        }
        Map<String, Object> request = ModuleArguments.object(call.argumentsJson(), 0);
        InvocationScope scope = call.scope();
        String base = LpDiscovery.baseUrl(outbound, scope.account(), "LPMtlsClient");
        URI target = HttpExchange.uri(request.get("url"));
        String method = String.valueOf(request.getOrDefault("method", "GET")).toUpperCase(Locale.ROOT);
        LpAccessTokens.Credentials credentials;
        try {
            credentials = credentials(scope.account());
        } catch (IllegalStateException e) {
            return CompletableFuture.completedFuture(error("MTLS_CREDENTIALS", e.getMessage()));
        }
        if (!outbound.admit(scope)) {
            return CompletableFuture.completedFuture(AccountOutbound.tooManyRequests(scope, outbound.settings(scope.account()).httpRequestsPerSecond()));
        }
        String scheme = URI.create(base).getScheme().toLowerCase(Locale.ROOT);
        long timeout = request.get("timeout") instanceof Number number ? number.longValue() : 0;
        Object body = request.get("body");
        CompletableFuture<String> token = discovery.domain(base, scope, TOKEN_SERVICE)
                .thenCompose(domain -> tokens.token(scheme + "://" + domain, scope, credentials));
        return token.thenCompose(authorization -> discovery.domain(base, scope, GATEWAY_SERVICE).thenCompose(domain -> {
            URI gateway = URI.create(scheme + "://" + domain + "/mtls/account/" + scope.account());
            Outbound outboundRequest = new Outbound(gateway, method, headers(request, target, authorization),
                    body == null ? null : body.toString());
            return exchange.send(outboundRequest, scope, 0, timeout);
        })).thenApply(LpMtlsClientModule::checked).exceptionally(LpMtlsClientModule::asError);
    }

    /** LivePerson's gateway headers; the function's own headers win but for Authorization, which becomes the override. */
    private static Map<String, String> headers(Map<String, Object> request, URI target, String authorization) {
        Map<String, String> own = HttpExchange.headers(request.get("headers"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("LP-stop-if-certificate-not-found", "true");
        headers.put("LP-service-name", "FAAS");
        headers.put("LP-forward-url", target.toString());
        headers.put("X-Request-Id", UUID.randomUUID().toString());
        if (Boolean.TRUE.equals(request.get("json"))) {
            headers.put("Content-Type", "application/json");
        }
        own.forEach((name, value) -> {
            if (name.equalsIgnoreCase("authorization")) {
                headers.put("LP-authorization-override", value);
            } else {
                headers.put(name, value);
            }
        });
        headers.put("Authorization", authorization);
        return headers;
    }

    /** The gateway's own failures, told apart from the target's answer as LivePerson's client does. */
    private static String checked(String answer) {
        Map<?, ?> response = (Map<?, ?>) JsonText.parse(answer);
        Map<?, ?> headers = (Map<?, ?>) response.get("headers");
        int status = ((Number) response.get("status")).intValue();
        if (headers.get("lp-message-from-transport") instanceof String transport) {
            return error("MTLS_REMOTE", transport, (String) response.get("body"));
        }
        if (headers.get("www-authenticate") instanceof String challenge) {
            return error("MTLS_BAD_REQUEST", "Authentication to LP MTLS failed due to " + challenge);
        }
        if (status == 400) {
            return error("MTLS_MISSING_CONFIGURATION", "It seems like there was no MTLS Configuration setup for the given "
                    + "forward URL. Please configure MTLS Mapping.");
        }
        return answer;
    }

    private static String asError(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String message = String.valueOf(cause.getMessage());
        return error(message.contains("timed out") ? "MTLS_TIMEOUT" : "MTLS_GENERAL", message);
    }

    private static String error(String code, String message) {
        return CsdsClientModule.toolbeltError("LPMtlsError", code, message);
    }

    private static String error(String code, String message, String originalBody) {
        return "{\"error\":{\"name\":\"LPMtlsError\",\"code\":" + JsonText.quote(code) + ",\"message\":" + JsonText.quote(message)
                + ",\"originalBody\":" + JsonText.quote(originalBody == null ? "" : originalBody) + "}}";
    }

    /** The OAuth2 client credentials in the secret {@code lp-faas-default-app-key}: {@code {client_id, client_secret}}. */
    private LpAccessTokens.Credentials credentials(String account) {
        SecretStore store = secrets;
        if (store == null) {
            throw new IllegalStateException("The secret store is not available right now; try again later");
        }
        String secret = LpClientModule.DEFAULT_APP_KEY_SECRET;
        String json = store.readJson(account, secret).orElseThrow(() -> new IllegalStateException("LPMtlsClient needs the secret "
                + secret + " of account " + account + " with the OAuth2 client credentials {client_id, client_secret}"));
        Object value = JsonText.parse(json);
        if (value instanceof String text && text.trim().startsWith("{")) {
            value = JsonText.parse(text); // a JSON object kept as a string secret, as LivePerson stores it
        }
        if (!(value instanceof Map<?, ?> key) || !(key.get("client_id") instanceof String id)
                || !(key.get("client_secret") instanceof String clientSecret)) {
            throw new IllegalStateException("Credentials have Invalid Format: the secret " + secret
                    + " must hold {client_id, client_secret}");
        }
        return new LpAccessTokens.Credentials(id, clientSecret);
    }

    static String form(Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((name, value) -> form.append(form.isEmpty() ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return form.toString();
    }
}
