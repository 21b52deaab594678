package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.core.api.egress.EgressPolicy;
import io.switchboard.executor.graaljs.internal.egress.EgressHttpClients;
import io.switchboard.executor.graaljs.internal.json.JsonText;
import io.switchboard.executor.toolbelt.InvocationScope;
import io.switchboard.executor.toolbelt.ToolbeltCall;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import io.switchboard.executor.toolbelt.ToolbeltModuleName;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpVersion;
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
 * {@link EgressPolicy} admits (checked on the address connected to), following redirects only when asked to (each hop
 * checked like a first request), with a timeout and a bounded response body. Requests run asynchronously, so the
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

        @AttributeDefinition(name = "Connect timeout (ms)", description = "Name resolution and TCP/TLS connect.", min = "1")
        long connectTimeoutMillis() default 5_000;

        @AttributeDefinition(name = "Response size", description = "Bytes of a response body; a longer one fails the request.", min = "0")
        int maxResponseBytes() default 1_048_576;

        @AttributeDefinition(name = "Request size", description = "Characters of a request body.", min = "0")
        int maxRequestChars() default 1_048_576;
    }

    /** Redirects followed at most per request, when the function asks for them to be followed. */
    static final int MAX_REDIRECTS = 5;

    private final Config config;
    private final HttpClient client;
    private final String facade = ModuleScripts.load("http-client.js");

    @Activate
    public HttpClientModule(Config config, @Reference EgressPolicy egress) {
        this(config, egress, new SslContextFactory.Client());
    }

    /** With the TLS settings given, e.g. a test's trust store; the JVM's trusted certificates otherwise. */
    public HttpClientModule(Config config, EgressPolicy egress, SslContextFactory.Client tls) {
        this.config = config;
        this.client = EgressHttpClients.start("switchboard-function-http", egress, tls, Duration.ofMillis(config.connectTimeoutMillis()));
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
        Map<String, String> headers = new LinkedHashMap<>();
        if (options.get("headers") instanceof Map<?, ?> given) {
            given.forEach((name, value) -> headers.put(String.valueOf(name), String.valueOf(value)));
        }
        Outbound first = new Outbound(uri(options.get("url")), String.valueOf(options.getOrDefault("method", "GET")).toUpperCase(Locale.ROOT),
                headers, body == null ? null : body.toString());
        return send(first, call.scope(), Boolean.TRUE.equals(options.get("followRedirects")) ? MAX_REDIRECTS : 0);
    }

    /**
     * Sends one request; when redirects are to be followed, a 3xx with a Location is followed by a new request that is
     * checked like the first (allow-list here, egress policy when it connects).
     */
    private CompletableFuture<String> send(Outbound outbound, InvocationScope scope, int redirectsLeft) {
        Request request;
        try {
            request = request(outbound, scope);
        } catch (IllegalArgumentException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        CompletableFuture<String> answer = new CompletableFuture<>();
        request.send(new BufferingResponseListener(config.maxResponseBytes()) {
            @Override
            public void onComplete(Result result) {
                if (result.isFailed()) {
                    answer.completeExceptionally(explain(outbound.uri(), result.getFailure()));
                    return;
                }
                Response response = result.getResponse();
                Outbound next = redirectsLeft > 0 ? outbound.redirectedBy(response.getStatus(), response.getHeaders().get("Location")) : null;
                if (next == null) {
                    answer.complete(answer(response, getContent()));
                } else {
                    send(next, scope, redirectsLeft - 1).whenComplete((text, failure) -> {
                        if (failure != null) {
                            answer.completeExceptionally(failure);
                        } else {
                            answer.complete(text);
                        }
                    });
                }
            }
        });
        return answer;
    }

    private Request request(Outbound outbound, InvocationScope scope) {
        URI uri = outbound.uri();
        if (!DomainAllowList.allows(scope.allowedDomains(), uri.getHost())) {
            throw new IllegalArgumentException("Domain " + uri.getHost() + " is not among the allowed domains of function "
                    + scope.functionId() + "; add it to the function's allowedDomains");
        }
        String body = outbound.body();
        if (body != null && body.length() > config.maxRequestChars()) {
            throw new IllegalArgumentException("The request body is longer than " + config.maxRequestChars() + " characters");
        }
        Request request = client.newRequest(uri)
                .method(outbound.method())
                .version(HttpVersion.HTTP_1_1)
                .timeout(timeout(scope.deadline()).toMillis(), TimeUnit.MILLISECONDS)
                // No agent header of the client's own: the function sets one if it wants.
                .agent(null);
        request.headers(fields -> outbound.headers().forEach((name, value) -> fields.add(new HttpField(name, value))));
        if (body != null) {
            request.body(new BytesRequestContent((String) null, body.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
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

    private static String answer(Response response, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpField field : response.getHeaders()) {
            headers.merge(field.getName().toLowerCase(Locale.ROOT), field.getValue(), (first, next) -> first + ", " + next);
        }
        return "{\"status\":" + response.getStatus() + ",\"headers\":" + JsonText.object(headers) + ",\"body\":"
                + JsonText.quote(new String(body, StandardCharsets.UTF_8)) + "}";
    }

    private RuntimeException explain(URI uri, Throwable failure) {
        if (failure instanceof TimeoutException) {
            return new IllegalStateException("The request to " + uri.getHost() + " timed out");
        }
        String message = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        if (message.startsWith("Buffering capacity")) {
            message = "the response body is larger than " + config.maxResponseBytes() + " bytes";
        }
        return new IllegalStateException("The request to " + uri.getHost() + " failed: " + message);
    }
}
