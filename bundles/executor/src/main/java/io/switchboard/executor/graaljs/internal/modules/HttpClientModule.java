package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.executor.graaljs.internal.json.JsonText;
import io.switchboard.executor.toolbelt.InvocationScope;
import io.switchboard.executor.toolbelt.ToolbeltCall;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import io.switchboard.executor.toolbelt.ToolbeltModuleName;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Toolbelt.HTTPClient()}: outbound HTTP for functions, only to their allowed domains, without
 * following redirects, with a timeout and a bounded response body. Requests run asynchronously, so the
 * function's event loop keeps going while they are in flight.
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

        @AttributeDefinition(name = "Connect timeout (ms)", min = "1")
        long connectTimeoutMillis() default 5_000;

        @AttributeDefinition(name = "Response size", description = "Bytes of a response body; a longer one fails the request.", min = "0")
        int maxResponseBytes() default 1_048_576;

        @AttributeDefinition(name = "Request size", description = "Characters of a request body.", min = "0")
        int maxRequestChars() default 1_048_576;
    }

    private static final Logger LOG = LoggerFactory.getLogger(HttpClientModule.class);

    private final Config config;
    private final HttpClient client;
    private final String facade = ModuleScripts.load("http-client.js");

    @Activate
    public HttpClientModule(Config config) {
        this.config = config;
        // The JDK's own executor: a client whose executor came from this bundle would keep the bundle's class loader
        // alive (through the client's selector thread) after an update, until a GC noticed the client was unused.
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofMillis(config.connectTimeoutMillis()))
                .build();
    }

    @Deactivate
    void deactivate() {
        shutdownNow(client);
    }

    /** Since JDK 21 a client can be stopped at once; on JDK 17 its threads end when the GC collects it. */
    private static void shutdownNow(HttpClient client) {
        try {
            HttpClient.class.getMethod("shutdownNow").invoke(client);
        } catch (NoSuchMethodException onJdk17) {
            LOG.debug("HttpClient.shutdownNow() needs JDK 21; the client's threads end with the next GC");
        } catch (ReflectiveOperationException e) {
            LOG.warn("Could not stop the HTTP client of the HTTPClient toolbelt module: {}", e.toString());
        }
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
        HttpRequest request = request(ModuleArguments.object(call.argumentsJson(), 0), call.scope());
        return client.sendAsync(request, info -> new BoundedBody(config.maxResponseBytes()))
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(explain(request.uri(), failure));
                    }
                    return answer(response);
                });
    }

    private HttpRequest request(Map<String, Object> options, InvocationScope scope) {
        URI uri = uri(options.get("url"));
        if (!DomainAllowList.allows(scope.allowedDomains(), uri.getHost())) {
            throw new IllegalArgumentException("Domain " + uri.getHost() + " is not among the allowed domains of function "
                    + scope.functionId() + "; add it to the function's allowedDomains");
        }
        Object bodyValue = options.get("body");
        String body = bodyValue == null ? null : bodyValue.toString();
        if (body != null && body.length() > config.maxRequestChars()) {
            throw new IllegalArgumentException("The request body is longer than " + config.maxRequestChars() + " characters");
        }
        String method = String.valueOf(options.getOrDefault("method", "GET")).toUpperCase(Locale.ROOT);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeout(scope.deadline()))
                // Plain http: HTTP/1.1 straight away. The client's default (HTTP/2) would ask every new connection to
                // upgrade to h2c, which almost no server does, and measured 30-60% fewer requests per second.
                .version(uri.getScheme().equalsIgnoreCase("http") ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (options.get("headers") instanceof Map<?, ?> headers) {
            headers.forEach((name, value) -> builder.header(String.valueOf(name), String.valueOf(value)));
        }
        return builder.build();
    }

    private static URI uri(Object url) {
        if (!(url instanceof String text)) {
            throw new IllegalArgumentException("The request has no url");
        }
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid URL " + text + ": " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("Invalid URL " + text + ": only absolute http and https URLs are allowed");
        }
        return uri;
    }

    private Duration timeout(Instant deadline) {
        Duration remaining = Duration.between(Instant.now(), deadline);
        Duration configured = Duration.ofMillis(config.requestTimeoutMillis());
        Duration timeout = remaining.compareTo(configured) < 0 ? remaining : configured;
        return timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout;
    }

    private static String answer(HttpResponse<byte[]> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        return "{\"status\":" + response.statusCode() + ",\"headers\":" + JsonText.object(headers) + ",\"body\":"
                + JsonText.quote(new String(response.body(), StandardCharsets.UTF_8)) + "}";
    }

    private static RuntimeException explain(URI uri, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return new IllegalStateException("The request to " + uri.getHost() + " timed out");
        }
        return new IllegalStateException("The request to " + uri.getHost() + " failed: "
                + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()));
    }
}
