package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.executor.graaljs.internal.json.JsonText;
import io.switchboard.executor.toolbelt.InvocationScope;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth2 access tokens of LivePerson's authorization server ({@code sentinel}) for an app's client credentials, as
 * LivePerson's toolbelt gets them for its mTLS gateway: {@code POST <sentinel>/sentinel/api/v2/account/<account>/app/token?v=2.0}
 * with {@code client_id}, {@code client_secret} and {@code grant_type=client_credentials} as a form; the answer
 * {@code {access_token, token_type, expires_in}} is kept until a minute before it expires.
 */
final class LpAccessTokens {
    /** An app's OAuth2 client credentials. */
    record Credentials(String clientId, String clientSecret) {
    }

    private record Token(String authorization, long validUntilMillis) {
    }

    private static final long MARGIN_MILLIS = 60_000;

    private final HttpExchange exchange;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    LpAccessTokens(HttpExchange exchange, Clock clock) {
        this.exchange = exchange;
        this.clock = clock;
    }

    /** The {@code Authorization} value ({@code <token_type> <access_token>}) for the credentials of the scope's account. */
    CompletableFuture<String> token(String sentinelBase, InvocationScope scope, Credentials credentials) {
        String key = sentinelBase + '|' + scope.account() + '|' + credentials.clientId() + '|' + credentials.clientSecret().hashCode();
        Token cached = tokens.get(key);
        if (cached != null && cached.validUntilMillis() > clock.millis()) {
            return CompletableFuture.completedFuture(cached.authorization());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("client_id", credentials.clientId());
        fields.put("client_secret", credentials.clientSecret());
        fields.put("grant_type", "client_credentials");
        URI uri = URI.create(sentinelBase + "/sentinel/api/v2/account/" + scope.account() + "/app/token?v=2.0");
        long requestedAt = clock.millis();
        return exchange.send(new Outbound(uri, "POST", Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Accept", "application/json"), LpMtlsClientModule.form(fields)), scope, 0, 0).thenApply(answer -> {
                    Map<?, ?> response = (Map<?, ?>) JsonText.parse(answer);
                    Object body = parseOrNull((String) response.get("body"));
                    if (!(body instanceof Map<?, ?> token) || !(token.get("access_token") instanceof String access)
                            || !(token.get("token_type") instanceof String type)) {
                        throw new IllegalStateException("The authorization server (sentinel) answered " + response.get("status")
                                + " without an access token: " + response.get("body"));
                    }
                    long expiresMillis = expiresInSeconds(token.get("expires_in")) * 1000;
                    Token fresh = new Token(type + ' ' + access, requestedAt + expiresMillis - MARGIN_MILLIS);
                    tokens.put(key, fresh);
                    return fresh.authorization();
                });
    }

    /** LivePerson answers {@code expires_in} as a string; a number is read too, anything else as "expired at once". */
    private static long expiresInSeconds(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return value instanceof String text ? Long.parseLong(text.trim()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Object parseOrNull(String text) {
        try {
            return JsonText.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
