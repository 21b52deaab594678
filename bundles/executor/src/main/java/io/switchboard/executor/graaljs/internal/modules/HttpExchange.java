package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.executor.graaljs.internal.json.JsonText;
import io.switchboard.executor.toolbelt.InvocationScope;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpVersion;

/**
 * Sends one function request on a Jetty client (whose resolver applies the egress policy) and follows its redirects
 * hop by hop when asked, each hop checked against the allow-list like a first request. Answers
 * {@code {status, headers, body}} as JSON text. Shared by HTTPClient, MTLSClient and LpClient.
 *
 * @param allowed whether a host may be reached for the scope (the function's and its account's lists, or LpClient's
 *        discovered domains)
 */
record HttpExchange(HttpClient client, HttpLimits limits, BiPredicate<InvocationScope, String> allowed) {

    /** The W3C trace context header. */
    static final String TRACEPARENT = "traceparent";

    /** Redirects followed at most per request, when the function asks for them to be followed. */
    static final int MAX_REDIRECTS = 5;

    /** The bounds every request of a module has. */
    record HttpLimits(long requestTimeoutMillis, int maxResponseBytes, int maxRequestChars) {
    }

    CompletableFuture<String> send(Outbound outbound, InvocationScope scope, int redirectsLeft, long timeoutMillis) {
        Request request;
        try {
            request = request(outbound, scope, timeoutMillis);
        } catch (IllegalArgumentException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        CompletableFuture<String> answer = new CompletableFuture<>();
        request.send(new BufferingResponseListener(limits.maxResponseBytes()) {
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
                    send(next, scope, redirectsLeft - 1, timeoutMillis).whenComplete((text, failure) -> {
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

    private Request request(Outbound outbound, InvocationScope scope, long timeoutMillis) {
        URI uri = outbound.uri();
        if (!allowed.test(scope, uri.getHost())) {
            throw new IllegalArgumentException("Domain " + uri.getHost() + " is not among the allowed domains of function "
                    + scope.functionId() + "; add it to the function's allowedDomains or the account's settings");
        }
        String body = outbound.body();
        if (body != null && body.length() > limits.maxRequestChars()) {
            throw new IllegalArgumentException("The request body is longer than " + limits.maxRequestChars() + " characters");
        }
        Request request = client.newRequest(uri)
                .method(outbound.method())
                .version(HttpVersion.HTTP_1_1)
                .timeout(timeout(scope.deadline(), timeoutMillis).toMillis(), TimeUnit.MILLISECONDS)
                // No agent header of the client's own: the function sets one if it wants.
                .agent(null);
        request.headers(fields -> {
            outbound.headers().forEach((name, value) -> fields.add(new HttpField(name, value)));
            // W3C trace context: the run's trace, with the run's span as parent, unless the function sends one itself.
            if (scope.traceParent() != null && !fields.contains(TRACEPARENT)) {
                fields.add(new HttpField(TRACEPARENT, scope.traceParent()));
            }
        });
        if (body != null) {
            // A binary body crosses from the sandbox as a Latin-1 string: one character per byte.
            request.body(new BytesRequestContent((String) null, body.getBytes(outbound.binaryBody() ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8)));
        }
        return request;
    }

    /** An absolute http or https URL. */
    static URI uri(Object url) {
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

    /** The function's own timeout when it set one (never 0), else the module's; never past the invocation's deadline. */
    private Duration timeout(Instant deadline, long timeoutMillis) {
        Duration remaining = Duration.between(Instant.now(), deadline);
        Duration configured = Duration.ofMillis(timeoutMillis > 0 ? timeoutMillis : limits.requestTimeoutMillis());
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
            message = "the response body is larger than " + limits.maxResponseBytes() + " bytes";
        }
        return new IllegalStateException("The request to " + uri.getHost() + " failed: " + message);
    }

    /** The headers of a request as the facades send them ({@code {name: value}}). */
    static Map<String, String> headers(Object given) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (given instanceof Map<?, ?> map) {
            map.forEach((name, value) -> headers.put(String.valueOf(name), String.valueOf(value)));
        }
        return headers;
    }
}
