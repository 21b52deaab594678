package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.core.api.egress.EgressPolicy;
import io.switchboard.executor.graaljs.internal.egress.EgressHttpClients;
import io.switchboard.executor.toolbelt.InvocationScope;
import io.switchboard.executor.toolbelt.ToolbeltCall;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import io.switchboard.executor.toolbelt.ToolbeltModuleName;
import java.time.Duration;
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
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code Toolbelt.HTTPClient()}: outbound HTTP for functions, only to their allowed domains and only to addresses the
 * {@link EgressPolicy} admits (checked on the address connected to), following redirects as request-promise does (GET
 * and HEAD by default; each hop checked like a first request), with a timeout, a bounded response body and the
 * per-function rate of the account's settings (beyond it the answer is 429 and nothing is sent). Requests run
 * asynchronously, so the function's event loop keeps going while they are in flight.
 */
@Component(service = ToolbeltModule.class, configurationPid = HttpClientModule.PID)
@ToolbeltModuleName("HTTPClient")
@Designate(ocd = HttpClientModule.Config.class)
public final class HttpClientModule implements ToolbeltModule {
    static final String PID = "io.switchboard.executor.graaljs.http";

    /** Limits of outbound HTTP. */
    @ObjectClassDefinition(name = "Switchboard function HTTP client", description = "Outbound HTTP of functions.")
    public @interface Config {
        @AttributeDefinition(name = "Request timeout (ms)", description = "Per request; never past the invocation's deadline.", min = "1")
        long requestTimeoutMillis() default 10_000;

        @AttributeDefinition(name = "Connect timeout (ms)", description = "Name resolution and TCP/TLS connect.", min = "1")
        long connectTimeoutMillis() default 5_000;

        @AttributeDefinition(name = "Response size", description = "Bytes of a response body; a longer one fails the request.", min = "0")
        int maxResponseBytes() default 1_048_576;

        @AttributeDefinition(name = "Request size", description = "Characters of a request body.", min = "0")
        int maxRequestChars() default 1_048_576;
    }

    private final HttpClient client;
    private final HttpExchange exchange;
    private final AccountOutbound outbound;
    private final String facade = ModuleScripts.load("http-client.js");

    @Activate
    public HttpClientModule(Config config, @Reference EgressPolicy egress, @Reference AccountOutbound outbound) {
        this(config, egress, new SslContextFactory.Client(), outbound);
    }

    /** With the default account settings (no account allow-list, LivePerson's rate). */
    public HttpClientModule(Config config, EgressPolicy egress) {
        this(config, egress, new SslContextFactory.Client(), new AccountOutbound());
    }

    /** With the TLS settings given, e.g. a test's trust store; the JVM's trusted certificates otherwise. */
    public HttpClientModule(Config config, EgressPolicy egress, SslContextFactory.Client tls) {
        this(config, egress, tls, new AccountOutbound());
    }

    HttpClientModule(Config config, EgressPolicy egress, SslContextFactory.Client tls, AccountOutbound outbound) {
        this.outbound = outbound;
        this.client = EgressHttpClients.start("switchboard-function-http", egress, tls, Duration.ofMillis(config.connectTimeoutMillis()));
        this.exchange = new HttpExchange(client, limits(config), outbound::allows);
    }

    static HttpExchange.HttpLimits limits(Config config) {
        return new HttpExchange.HttpLimits(config.requestTimeoutMillis(), config.maxResponseBytes(), config.maxRequestChars());
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
            return CompletableFuture.failedFuture(new IllegalArgumentException("HTTPClient has no operation " + call.operation()));
        }
        Map<String, Object> options = ModuleArguments.object(call.argumentsJson(), 0);
        Object body = options.get("body");
        Outbound first = new Outbound(HttpExchange.uri(options.get("url")),
                String.valueOf(options.getOrDefault("method", "GET")).toUpperCase(Locale.ROOT),
                HttpExchange.headers(options.get("headers")), body == null ? null : body.toString());
        InvocationScope scope = call.scope();
        if (!outbound.admit(scope)) {
            return CompletableFuture.completedFuture(AccountOutbound.tooManyRequests(scope, outbound.settings(scope.account()).httpRequestsPerSecond()));
        }
        long timeout = options.get("timeout") instanceof Number number ? number.longValue() : 0;
        return exchange.send(first, scope, Boolean.TRUE.equals(options.get("followRedirects")) ? HttpExchange.MAX_REDIRECTS : 0, timeout);
    }
}
