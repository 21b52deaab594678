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
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * {@code Toolbelt.LpClient()}: {@code lpClient(service, path, options)} calls a LivePerson API of the function's account:
 * the service's domain from LivePerson's discovery (the account setting {@code lpDiscoveryBaseUrl}), an OAuth 1.0a
 * signature from the app key in the secret {@code lp-faas-default-app-key} (or {@code options.appKeySecretName}). The
 * discovered domains are reachable without being on an allow-list (LivePerson allow-lists its API domains), the egress
 * policy still applies, and the request counts against the function's rate. Services are called with the scheme of the
 * discovery URL.
 */
@Component(service = ToolbeltModule.class, configurationPid = HttpClientModule.PID)
@ToolbeltModuleName("LpClient")
public final class LpClientModule implements ToolbeltModule {
    static final String DEFAULT_APP_KEY_SECRET = "lp-faas-default-app-key";
    private static final long DISCOVERY_CACHE_MILLIS = 600_000;

    private final String facade = ModuleScripts.load("lp-client.js");
    private final HttpClient client;
    private final AccountOutbound outbound;
    private final HttpExchange exchange;
    private final LpDiscovery discovery;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile SecretStore secrets;

    @Activate
    public LpClientModule(HttpClientModule.Config config, @Reference EgressPolicy egress, @Reference AccountOutbound outbound) {
        this(config, egress, outbound, Clock.systemUTC());
    }

    LpClientModule(HttpClientModule.Config config, EgressPolicy egress, AccountOutbound outbound, Clock clock) {
        this.outbound = outbound;
        this.clock = clock;
        this.client = EgressHttpClients.start("switchboard-function-lp", egress, new SslContextFactory.Client(),
                Duration.ofMillis(config.connectTimeoutMillis()));
        // The discovery URL is the account's own setting, and discovered domains are LivePerson's: both pass the
        // allow-list; the egress policy still decides which addresses may be reached.
        this.exchange = new HttpExchange(client, HttpClientModule.limits(config), (scope, host) -> true);
        this.discovery = new LpDiscovery(exchange, DISCOVERY_CACHE_MILLIS, clock);
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
            throw new IllegalArgumentException("LpClient has no operation " + call.operation());
        }
        String service = ModuleArguments.string(call.argumentsJson(), 0);
        String path = ModuleArguments.string(call.argumentsJson(), 1);
        Map<String, Object> options = ModuleArguments.object(call.argumentsJson(), 2);
        InvocationScope scope = call.scope();
        String base = LpDiscovery.baseUrl(outbound, scope.account(), "LpClient");
        String secretName = options.get("appKeySecretName") instanceof String name && !name.isBlank() ? name : DEFAULT_APP_KEY_SECRET;
        // request's auth option ({user, pass}) replaces the app key's signature, e.g. for the file storage of GDPRUtil.
        String basic = options.get("auth") instanceof Map<?, ?> auth && auth.get("user") instanceof String user
                && auth.get("pass") instanceof String pass
                ? "Basic " + Base64.getEncoder().encodeToString((user + ':' + pass).getBytes(StandardCharsets.UTF_8)) : null;
        OAuth1Signer.Credentials credentials = basic != null ? null : credentials(scope.account(), secretName);
        if (!outbound.admit(scope)) {
            return CompletableFuture.completedFuture(AccountOutbound.tooManyRequests(scope, outbound.settings(scope.account()).httpRequestsPerSecond()));
        }
        String scheme = URI.create(base).getScheme().toLowerCase(Locale.ROOT);
        String method = String.valueOf(options.getOrDefault("method", "GET")).toUpperCase(Locale.ROOT);
        Object body = options.get("body");
        Map<String, String> headers = new LinkedHashMap<>(HttpExchange.headers(options.get("headers")));
        long timeout = options.get("timeout") instanceof Number number ? number.longValue() : 0;
        return discovery.domain(base, scope, service).thenCompose(domain -> {
            URI uri = HttpExchange.uri(scheme + "://" + domain + (path.startsWith("/") ? path : "/" + path));
            String form = isForm(headers) && body != null ? body.toString() : null;
            headers.put("Authorization", basic != null ? basic : OAuth1Signer.authorization(credentials, method, uri, form,
                    HexFormat.of().formatHex(nonce()), clock.millis() / 1000));
            return exchange.send(new Outbound(uri, method, headers, body == null ? null : body.toString(),
                    Boolean.TRUE.equals(options.get("binary"))), scope,
                    method.equals("GET") || method.equals("HEAD") ? HttpExchange.MAX_REDIRECTS : 0, timeout);
        });
    }

    private byte[] nonce() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return nonce;
    }

    private static boolean isForm(Map<String, String> headers) {
        return headers.entrySet().stream().anyMatch(header -> header.getKey().equalsIgnoreCase("content-type")
                && header.getValue().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"));
    }

    /** The app key in the secret: LivePerson's {consumerKey, consumerSecret, token, tokenSecret} (or appKey/secret/accessToken/...). */
    private OAuth1Signer.Credentials credentials(String account, String secretName) {
        SecretStore store = secrets;
        if (store == null) {
            throw new IllegalStateException("The secret store is not available right now; try again later");
        }
        String json = store.readJson(account, secretName).orElseThrow(() -> new IllegalStateException("LpClient needs the secret "
                + secretName + " of account " + account + " with the app key {consumerKey, consumerSecret, token, tokenSecret}"));
        Object value = JsonText.parse(json);
        if (value instanceof String text && text.trim().startsWith("{")) {
            value = JsonText.parse(text); // a JSON object kept as a string secret
        }
        if (!(value instanceof Map<?, ?> key)) {
            throw new IllegalStateException("The secret " + secretName + " must hold a JSON object {consumerKey, consumerSecret, token, tokenSecret}");
        }
        String consumerKey = first(key, "consumerKey", "appKey");
        String consumerSecret = first(key, "consumerSecret", "secret", "appSecret");
        if (consumerKey == null || consumerSecret == null) {
            throw new IllegalStateException("The secret " + secretName + " lacks consumerKey or consumerSecret");
        }
        return new OAuth1Signer.Credentials(consumerKey, consumerSecret, first(key, "token", "accessToken"),
                first(key, "tokenSecret", "accessTokenSecret"));
    }

    private static String first(Map<?, ?> map, String... names) {
        for (String name : names) {
            if (map.get(name) instanceof String value) {
                return value;
            }
        }
        return null;
    }
}
