package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.core.api.egress.EgressPolicy;
import io.switchboard.executor.graaljs.internal.egress.EgressHttpClients;
import io.switchboard.executor.graaljs.internal.node.PemKeys;
import io.switchboard.executor.toolbelt.InvocationScope;
import io.switchboard.executor.toolbelt.ToolbeltCall;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import io.switchboard.executor.toolbelt.ToolbeltModuleName;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
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

/**
 * {@code Toolbelt.MTLSClient({cert, key, ca})}: HTTPS with a client certificate, LivePerson's
 * {@code get/post/put/delete/options/patch(url, headers, body, {json, timeout, allowSelfSigned})}. Same allow-list,
 * egress policy, limits and rate as HTTPClient (its configuration, PID {@value HttpClientModule#PID}). One Jetty client
 * per distinct key material, at most {@value #MAX_CLIENTS} kept (the least recently used is stopped).
 */
@Component(service = ToolbeltModule.class, configurationPid = HttpClientModule.PID)
@ToolbeltModuleName("MTLSClient")
public final class MtlsClientModule implements ToolbeltModule {
    static final int MAX_CLIENTS = 16;
    private static final char[] PASSWORD = "switchboard".toCharArray();

    private final String facade = ModuleScripts.load("mtls-client.js");
    private final HttpClientModule.Config config;
    private final EgressPolicy egress;
    private final AccountOutbound outbound;
    private final Map<String, HttpClient> clients = new LinkedHashMap<>(16, 0.75f, true);

    @Activate
    public MtlsClientModule(HttpClientModule.Config config, @Reference EgressPolicy egress, @Reference AccountOutbound outbound) {
        this.config = config;
        this.egress = egress;
        this.outbound = outbound;
    }

    @Deactivate
    synchronized void deactivate() {
        clients.values().forEach(EgressHttpClients::stop);
        clients.clear();
    }

    @Override
    public String facadeScript() {
        return facade;
    }

    @Override
    public CompletionStage<String> call(ToolbeltCall call) {
        if (!"request".equals(call.operation())) {
            throw new IllegalArgumentException("MTLSClient has no operation " + call.operation());
        }
        Map<String, Object> identity = ModuleArguments.object(call.argumentsJson(), 0);
        Map<String, Object> options = ModuleArguments.object(call.argumentsJson(), 1);
        InvocationScope scope = call.scope();
        HttpClient client = client(text(identity, "cert"), text(identity, "key"), identity.get("ca") instanceof String ca ? ca : null,
                Boolean.TRUE.equals(options.get("allowSelfSigned")));
        Object body = options.get("body");
        Outbound request = new Outbound(HttpExchange.uri(options.get("url")),
                String.valueOf(options.getOrDefault("method", "GET")).toUpperCase(Locale.ROOT),
                HttpExchange.headers(options.get("headers")), body == null ? null : body.toString());
        if (!outbound.admit(scope)) {
            return CompletableFuture.completedFuture(AccountOutbound.tooManyRequests(scope, outbound.settings(scope.account()).httpRequestsPerSecond()));
        }
        long timeout = options.get("timeout") instanceof Number number ? number.longValue() : 0;
        return new HttpExchange(client, HttpClientModule.limits(config), outbound::allows).send(request, scope, 0, timeout);
    }

    private synchronized HttpClient client(String cert, String key, String ca, boolean allowSelfSigned) {
        String id = fingerprint(cert + '\0' + key + '\0' + (ca == null ? "" : ca) + '\0' + allowSelfSigned);
        HttpClient client = clients.get(id);
        if (client == null) {
            client = EgressHttpClients.start("switchboard-function-mtls", egress, tls(cert, key, ca, allowSelfSigned),
                    Duration.ofMillis(config.connectTimeoutMillis()));
            clients.put(id, client);
            if (clients.size() > MAX_CLIENTS) {
                var eldest = clients.entrySet().iterator().next();
                clients.remove(eldest.getKey());
                EgressHttpClients.stop(eldest.getValue());
            }
        }
        return client;
    }

    /** The client's TLS: the certificate and key as its identity; the CA (or the JVM's trusted CAs) to check the server. */
    static SslContextFactory.Client tls(String cert, String key, String ca, boolean allowSelfSigned) {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        try {
            List<Certificate> chain = PemKeys.certificates(cert);
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry("client", PemKeys.privateKey(key), PASSWORD, chain.toArray(Certificate[]::new));
            tls.setKeyStore(identity);
            tls.setKeyStorePassword(new String(PASSWORD));
            if (ca != null) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                List<Certificate> authorities = PemKeys.certificates(ca);
                for (int i = 0; i < authorities.size(); i++) {
                    trust.setCertificateEntry("ca-" + i, authorities.get(i));
                }
                tls.setTrustStore(trust);
            }
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("MTLSClient needs cert and key in PEM format (and ca, when given): " + e.getMessage());
        }
        // LivePerson's allowSelfSigned: the server's certificate is not checked (its host name still is not, either).
        tls.setTrustAll(allowSelfSigned);
        if (allowSelfSigned) {
            tls.setEndpointIdentificationAlgorithm(null);
        }
        return tls;
    }

    private static String text(Map<String, Object> map, String name) {
        if (!(map.get(name) instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("MTLSClient needs " + name + " as a PEM string");
        }
        return text;
    }

    private static String fingerprint(String material) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
